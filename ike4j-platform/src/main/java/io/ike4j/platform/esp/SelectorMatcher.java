package io.ike4j.platform.esp;

import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import java.util.Arrays;
import java.util.List;

/**
 * Matches an inner packet's destination (or source) address, protocol and destination (or source) port against a
 * list of traffic selectors (RFC 7296 3.13.1): address ranges compared as unsigned big-endian numbers, protocol 0 =
 * any, port range 0-65535 = any. Immutable; no allocation per match.
 */
final class SelectorMatcher {
    private final Range[] ranges;
    private final boolean bySource;

    private record Range(int version, byte[] start, byte[] end, int protocol, int startPort, int endPort) {
        boolean anyPort() {
            return startPort == 0 && endPort == 0xffff;
        }
    }

    SelectorMatcher(List<TrafficSelectorSubstructure> selectors) {
        this(selectors, false);
    }

    /** With {@code bySource}, the packet's source address and port are matched instead of its destination's. */
    SelectorMatcher(List<TrafficSelectorSubstructure> selectors, boolean bySource) {
        this.bySource = bySource;
        this.ranges = selectors.stream()
                .filter(t -> t.tsType() == TrafficSelectorSubstructure.TS_IPV4_ADDR_RANGE
                        || t.tsType() == TrafficSelectorSubstructure.TS_IPV6_ADDR_RANGE)
                .filter(t -> t.startAddress().length == (t.tsType() == TrafficSelectorSubstructure.TS_IPV4_ADDR_RANGE ? 4 : 16))
                .map(t -> new Range(t.tsType() == TrafficSelectorSubstructure.TS_IPV4_ADDR_RANGE ? 4 : 6,
                        t.startAddress(), t.endAddress(), t.ipProtocol(), t.startPort(), t.endPort()))
                .toArray(Range[]::new);
    }

    boolean matches(byte[] b, int off, int len) {
        int version = IpPackets.version(b, off, len);
        if (version < 0) return false;
        int addrLen = version == 4 ? 4 : 16;
        int a = off + (bySource ? IpPackets.sourceOffset(version) : IpPackets.destinationOffset(version));
        int port = -2; // not read yet
        for (Range r : ranges) {
            if (r.version != version) continue;
            if (Arrays.compareUnsigned(b, a, a + addrLen, r.start, 0, addrLen) < 0) continue;
            if (Arrays.compareUnsigned(b, a, a + addrLen, r.end, 0, addrLen) > 0) continue;
            if (r.protocol != 0 && r.protocol != IpPackets.protocol(b, off, version)) continue;
            if (!r.anyPort()) {
                if (port == -2) {
                    port = bySource ? IpPackets.sourcePort(b, off, len, version) : IpPackets.destinationPort(b, off, len, version);
                }
                if (port < r.startPort || port > r.endPort) continue;
            }
            return true;
        }
        return false;
    }
}
