package io.ike4j.platform.dataplane;

/** Bytes and packets processed by one CHILD_SA, per direction. */
public record SaCounters(long inboundBytes, long inboundPackets, long outboundBytes, long outboundPackets) {
    public static final SaCounters ZERO = new SaCounters(0, 0, 0, 0);

    public SaCounters plus(SaCounters o) {
        return new SaCounters(inboundBytes + o.inboundBytes, inboundPackets + o.inboundPackets,
                outboundBytes + o.outboundBytes, outboundPackets + o.outboundPackets);
    }
}
