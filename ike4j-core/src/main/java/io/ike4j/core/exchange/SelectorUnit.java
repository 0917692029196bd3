package io.ike4j.core.exchange;

import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.policy.ConfiguredSelector;
import io.ike4j.core.policy.NarrowingResult;
import io.ike4j.core.policy.SelectorCheck;
import io.ike4j.core.policy.TrafficSelector;
import io.ike4j.core.policy.TrafficSelectorNarrowing;
import io.ike4j.core.policy.TrafficSelectorParseException;
import io.ike4j.core.policy.TrafficSelectorParser;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The engine's glue to the {@code policy} package: configured selector strings to TS payload contents, and the
 * RFC 7296 2.9 narrowing (responder) and check (initiator) on wire selectors.
 */
final class SelectorUnit {
    private SelectorUnit() {}

    /** Parses config entries (swanctl.conf syntax); entries that do not parse are skipped. */
    static List<ConfiguredSelector> configured(List<String> entries) {
        List<ConfiguredSelector> out = new ArrayList<>();
        for (String e : entries) {
            try {
                out.add(TrafficSelectorParser.parse(e));
            } catch (TrafficSelectorParseException ex) {
                // skipped like an unusable entry; configuration front ends report these
            }
        }
        return out;
    }

    /** What we offer for one side: the configured selectors with {@code dynamic} resolved to {@code host}. */
    static List<TrafficSelectorSubstructure> offer(List<String> entries, InetAddress host) {
        return wire(ConfiguredSelector.resolveAll(configured(entries), List.of(host.getAddress())));
    }

    /** The responder's narrowing (RFC 7296 2.9) of TSi/TSr against one CHILD_SA configuration. */
    static NarrowingResult narrow(ChildConfig c, InetAddress local, InetAddress remote, boolean remoteBehindNat,
                                  List<TrafficSelectorSubstructure> tsi, List<TrafficSelectorSubstructure> tsr) {
        List<TrafficSelector> i = typed(tsi), r = typed(tsr);
        List<TrafficSelector> ours = ConfiguredSelector.resolveAll(configured(c.localTs()), List.of(local.getAddress()));
        List<TrafficSelector> theirs = TrafficSelectorNarrowing.resolveRemote(configured(c.remoteTs()), remote.getAddress(),
                remoteBehindNat, i);
        return TrafficSelectorNarrowing.narrow(i, r, ours, theirs);
    }

    /** The initiator's check of the returned selectors against its offer; every returned one must be a valid selector. */
    static SelectorCheck check(List<TrafficSelectorSubstructure> offeredTsi, List<TrafficSelectorSubstructure> offeredTsr,
                               List<TrafficSelectorSubstructure> tsi, List<TrafficSelectorSubstructure> tsr) {
        List<TrafficSelector> i = typed(tsi), r = typed(tsr);
        if (i.size() != tsi.size() || r.size() != tsr.size()) return new SelectorCheck.Rejected("invalid traffic selector in response");
        return TrafficSelectorNarrowing.checkResponse(typed(offeredTsi), typed(offeredTsr), i, r);
    }

    /** Wire selectors as typed ones; those that cannot be (unknown TS type, bad lengths or ranges) are left out. */
    static List<TrafficSelector> typed(List<TrafficSelectorSubstructure> wire) {
        return wire.stream().map(TrafficSelector::fromSubstructure).flatMap(Optional::stream).toList();
    }

    static List<TrafficSelectorSubstructure> wire(List<TrafficSelector> typed) {
        return typed.stream().map(TrafficSelector::toSubstructure).toList();
    }

    /** strongSwan's display ({@link TrafficSelector#toString()}); {@code ?} for a selector that is not valid. */
    static String display(TrafficSelectorSubstructure ts) {
        return TrafficSelector.fromSubstructure(ts).map(TrafficSelector::toString).orElse("?");
    }
}
