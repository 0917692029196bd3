package io.ike4j.platform.xfrm;

/**
 * {@code struct xfrm_lifetime_cfg}: soft and hard limits. Byte and packet limits use {@link XfrmAbi#XFRM_INF}
 * for "none"; the second-based limits use 0 for "none". "add" seconds count from installation, "use" from first use.
 */
public record XfrmLifetime(long softBytes, long hardBytes, long softPackets, long hardPackets,
                           long softAddSeconds, long hardAddSeconds, long softUseSeconds, long hardUseSeconds) {

    /** No limits (what iproute2 sends without "limit"). */
    public static final XfrmLifetime UNLIMITED = new XfrmLifetime(XfrmAbi.XFRM_INF, XfrmAbi.XFRM_INF,
            XfrmAbi.XFRM_INF, XfrmAbi.XFRM_INF, 0, 0, 0, 0);

    /** Maps the IKE convention (0 = unlimited) to the kernel's. */
    public static XfrmLifetime of(long softSeconds, long hardSeconds, long softBytes, long hardBytes,
                                  long softPackets, long hardPackets) {
        return new XfrmLifetime(inf(softBytes), inf(hardBytes), inf(softPackets), inf(hardPackets),
                softSeconds, hardSeconds, 0, 0);
    }

    private static long inf(long v) {
        return v == 0 ? XfrmAbi.XFRM_INF : v;
    }

    void encode(NetlinkBuffer b) {
        b.u64(softBytes).u64(hardBytes).u64(softPackets).u64(hardPackets)
                .u64(softAddSeconds).u64(hardAddSeconds).u64(softUseSeconds).u64(hardUseSeconds);
    }
}
