package io.ike4j.core.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * A traffic selector as configured (swanctl.conf local_ts/remote_ts): either fixed, or {@code dynamic},
 * the SA's own address or virtual IP, which is only known once the SA exists.
 */
public sealed interface ConfiguredSelector {
    /** A fixed selector. */
    record Fixed(TrafficSelector selector) implements ConfiguredSelector {}

    /** {@code dynamic}, with optional protocol/port restriction, resolved by {@link #resolve}. */
    record Dynamic(int ipProtocol, int startPort, int endPort) implements ConfiguredSelector {
        public Dynamic {
            if (ipProtocol < 0 || ipProtocol > 255 || startPort < 0 || endPort > TrafficSelector.MAX_PORT
                    || startPort > endPort) {
                throw new IllegalArgumentException("invalid protocol/ports for dynamic selector");
            }
        }

        public static Dynamic any() {
            return new Dynamic(TrafficSelector.ANY_PROTOCOL, 0, TrafficSelector.MAX_PORT);
        }

        @Override
        public String toString() {
            return "dynamic" + TrafficSelector.any(IpFamily.IPV4).withProtocol(ipProtocol, startPort, endPort)
                    .toString().substring("0.0.0.0/0".length());
        }
    }

    /**
     * The selectors this stands for: itself if fixed, or one host selector per address (raw 4/16-byte
     * addresses: the SA's address and/or virtual IPs) with this protocol and ports if dynamic.
     */
    default List<TrafficSelector> resolve(List<byte[]> addresses) {
        return switch (this) {
            case Fixed f -> List.of(f.selector());
            case Dynamic d -> addresses.stream()
                    .map(a -> TrafficSelector.host(a).withProtocol(d.ipProtocol(), d.startPort(), d.endPort())).toList();
        };
    }

    /** Resolves a whole configured list, keeping the configured order. */
    static List<TrafficSelector> resolveAll(List<ConfiguredSelector> configured, List<byte[]> addresses) {
        List<TrafficSelector> out = new ArrayList<>();
        for (ConfiguredSelector c : configured) out.addAll(c.resolve(addresses));
        return List.copyOf(out);
    }
}
