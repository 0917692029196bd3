package io.ike4j.core.exchange.v1;

import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import io.ike4j.core.policy.ConfiguredSelector;
import io.ike4j.core.policy.TrafficSelector;
import io.ike4j.core.policy.TrafficSelectorParseException;
import io.ike4j.core.policy.TrafficSelectorParser;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Configured traffic selectors for Quick Mode client IDs, via the {@code policy} package. */
final class V1Selectors {
    private V1Selectors() {}

    /** The configured selectors with {@code dynamic} resolved to {@code host}; entries that do not parse are skipped. */
    static List<TrafficSelectorSubstructure> fromConfig(List<String> entries, InetAddress host) {
        List<ConfiguredSelector> parsed = new ArrayList<>();
        for (String e : entries) {
            try {
                parsed.add(TrafficSelectorParser.parse(e));
            } catch (TrafficSelectorParseException ex) {
                // reported by the configuration front ends
            }
        }
        return ConfiguredSelector.resolveAll(parsed, List.of(host.getAddress())).stream()
                .map(TrafficSelector::toSubstructure).toList();
    }

    /** True if every proposed selector lies within one configured selector (IKEv1 has no narrowing). */
    static boolean within(List<TrafficSelectorSubstructure> proposed, List<TrafficSelectorSubstructure> configured) {
        List<TrafficSelector> conf = configured.stream().map(TrafficSelector::fromSubstructure).flatMap(Optional::stream).toList();
        for (TrafficSelectorSubstructure p : proposed) {
            Optional<TrafficSelector> t = TrafficSelector.fromSubstructure(p);
            if (t.isEmpty() || conf.stream().noneMatch(c -> c.contains(t.get()))) return false;
        }
        return !proposed.isEmpty();
    }

    static String display(TrafficSelectorSubstructure ts) {
        return TrafficSelector.fromSubstructure(ts).map(TrafficSelector::toString).orElse("?");
    }
}
