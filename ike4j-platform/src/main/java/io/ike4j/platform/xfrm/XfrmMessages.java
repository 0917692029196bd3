package io.ike4j.platform.xfrm;

import static io.ike4j.platform.xfrm.XfrmAbi.*;

import java.net.InetAddress;

/**
 * Encoders for the XFRM requests, byte for byte as iproute2 builds them (see the fixtures in
 * {@code src/test/resources/xfrm}). Each returns one complete netlink message; {@code seq} is the
 * caller's sequence number, {@code pid} is 0 (the kernel).
 */
public final class XfrmMessages {
    static final int FLAGS_ACKED = NLM_F_REQUEST | NLM_F_ACK;

    private XfrmMessages() {
    }

    /** XFRM_MSG_NEWSA. The result contains key material: wipe it after sending. */
    public static byte[] newSa(XfrmSa sa, int seq) {
        return sa(XFRM_MSG_NEWSA, sa, seq);
    }

    /** XFRM_MSG_UPDSA: replaces an SA (e.g. the larval one ALLOCSPI made). Contains key material. */
    public static byte[] updateSa(XfrmSa sa, int seq) {
        return sa(XFRM_MSG_UPDSA, sa, seq);
    }

    private static byte[] sa(int type, XfrmSa sa, int seq) {
        NetlinkBuffer b = new NetlinkBuffer().header(type, FLAGS_ACKED, seq, 0);
        boolean esnState = sa.usesEsnReplayState();
        usersaInfo(b, sa.selector(), sa.destination(), sa.spi(), sa.protocol(), sa.source(), sa.lifetime(),
                sa.reqid(), sa.family(), sa.mode(), esnState ? 0 : sa.replayWindow(),
                sa.extraFlags() | (sa.esn() ? XFRM_STATE_ESN : 0));
        switch (sa.algorithms()) {
            case XfrmAlgorithms.Aead a -> a.encode(b);
            case XfrmAlgorithms.CipherAuth c -> c.encode(b);
        }
        if (sa.encap() != null) {
            int at = b.beginAttribute(XFRMA_ENCAP);
            sa.encap().encode(b);
            b.endAttribute(at);
        }
        if (esnState) {
            // struct xfrm_replay_state_esn without the bitmap words: the kernel accepts the bare header and
            // starts from an all-zero bitmap of bmp_len words (iproute2 sends the same).
            int at = b.beginAttribute(XFRMA_REPLAY_ESN_VAL);
            b.u32((sa.replayWindow() + 31) / 32).u32(0).u32(0).u32(0).u32(0).u32(sa.replayWindow());
            b.endAttribute(at);
        }
        markAndIfId(b, sa.mark(), sa.ifId());
        return b.finish();
    }

    /** XFRM_MSG_DELSA. */
    public static byte[] deleteSa(XfrmSaId id, int seq) {
        return saId(XFRM_MSG_DELSA, FLAGS_ACKED, id, seq);
    }

    /** XFRM_MSG_GETSA: the kernel answers with an XFRM_MSG_NEWSA carrying the SA (or NLMSG_ERROR). */
    public static byte[] getSa(XfrmSaId id, int seq) {
        return saId(XFRM_MSG_GETSA, NLM_F_REQUEST, id, seq);
    }

    private static byte[] saId(int type, int flags, XfrmSaId id, int seq) {
        NetlinkBuffer b = new NetlinkBuffer().header(type, flags, seq, 0);
        b.address(id.destination()).u32be(id.spi()).u16(XfrmAddresses.family(id.destination())).u8(id.protocol()).align(4);
        if (id.source() != null) {
            int at = b.beginAttribute(XFRMA_SRCADDR);
            b.address(id.source());
            b.endAttribute(at);
        }
        markAndIfId(b, id.mark(), 0);
        return b.finish();
    }

    /** XFRM_MSG_ALLOCSPI: the kernel answers with an XFRM_MSG_NEWSA for the larval SA holding the SPI. */
    public static byte[] allocSpi(XfrmSpiRequest r, int seq) {
        NetlinkBuffer b = new NetlinkBuffer().header(XFRM_MSG_ALLOCSPI, NLM_F_REQUEST, seq, 0);
        XfrmLifetime zero = new XfrmLifetime(0, 0, 0, 0, 0, 0, 0, 0);
        usersaInfo(b, XfrmSelector.NONE, r.destination(), 0, r.protocol(), r.source(), zero, r.reqid(),
                XfrmAddresses.family(r.destination()), r.mode(), 0, 0);
        b.u32(r.min()).u32(r.max());
        return b.finish();
    }

    /** XFRM_MSG_NEWPOLICY. */
    public static byte[] newPolicy(XfrmPolicy p, int seq) {
        return policy(XFRM_MSG_NEWPOLICY, p, seq);
    }

    /** XFRM_MSG_UPDPOLICY: adds or replaces. */
    public static byte[] updatePolicy(XfrmPolicy p, int seq) {
        return policy(XFRM_MSG_UPDPOLICY, p, seq);
    }

    private static byte[] policy(int type, XfrmPolicy p, int seq) {
        NetlinkBuffer b = new NetlinkBuffer().header(type, FLAGS_ACKED, seq, 0);
        userpolicyInfo(b, p);
        if (!p.templates().isEmpty()) {
            int at = b.beginAttribute(XFRMA_TMPL);
            for (XfrmTemplate t : p.templates()) {
                userTmpl(b, t);
            }
            b.endAttribute(at);
        }
        markAndIfId(b, p.mark(), p.ifId());
        return b.finish();
    }

    /** XFRM_MSG_DELPOLICY. */
    public static byte[] deletePolicy(XfrmPolicyId id, int seq) {
        NetlinkBuffer b = new NetlinkBuffer().header(XFRM_MSG_DELPOLICY, FLAGS_ACKED, seq, 0);
        selector(b, id.selector());
        b.u32(id.index()).u8(id.direction().value()).align(8);
        markAndIfId(b, id.mark(), id.ifId());
        return b.finish();
    }

    private static void markAndIfId(NetlinkBuffer b, XfrmMark mark, int ifId) {
        if (mark != null) {
            int at = b.beginAttribute(XFRMA_MARK);
            b.u32(mark.value()).u32(mark.mask());
            b.endAttribute(at);
        }
        if (ifId != 0) {
            int at = b.beginAttribute(XFRMA_IF_ID);
            b.u32(ifId);
            b.endAttribute(at);
        }
    }

    // struct xfrm_selector (56 bytes)
    static void selector(NetlinkBuffer b, XfrmSelector s) {
        b.address(s.destination()).address(s.source())
                .u16be(s.destinationPort()).u16be(s.destinationPortMask())
                .u16be(s.sourcePort()).u16be(s.sourcePortMask())
                .u16(s.family()).u8(s.destinationPrefixLength()).u8(s.sourcePrefixLength()).u8(s.protocol())
                .zeros(3).u32(s.ifindex()).u32(0);
    }

    // struct xfrm_usersa_info (224 bytes)
    private static void usersaInfo(NetlinkBuffer b, XfrmSelector sel, InetAddress dst, int spi, int proto, InetAddress src,
                                   XfrmLifetime lft, int reqid, int family, XfrmMode mode, int replayWindow, int flags) {
        int start = b.position();
        selector(b, sel);
        b.address(dst).u32be(spi).u8(proto).zeros(3); // struct xfrm_id
        b.address(src);
        lft.encode(b);
        b.zeros(SIZEOF_LIFETIME_CUR).zeros(12); // curlft, stats
        b.u32(0).u32(reqid).u16(family).u8(mode.value()).u8(replayWindow).u8(flags);
        b.zeros(start + SIZEOF_USERSA_INFO - b.position());
    }

    // struct xfrm_userpolicy_info (168 bytes)
    private static void userpolicyInfo(NetlinkBuffer b, XfrmPolicy p) {
        int start = b.position();
        selector(b, p.selector());
        p.lifetime().encode(b);
        b.zeros(SIZEOF_LIFETIME_CUR);
        b.u32(p.priority()).u32(p.index()).u8(p.direction().value()).u8(p.block() ? XFRM_POLICY_BLOCK : XFRM_POLICY_ALLOW)
                .u8(0).u8(0);
        b.zeros(start + SIZEOF_USERPOLICY_INFO - b.position());
    }

    // struct xfrm_user_tmpl (64 bytes)
    private static void userTmpl(NetlinkBuffer b, XfrmTemplate t) {
        b.address(t.destination()).u32be(t.spi()).u8(t.protocol()).zeros(3);
        b.u16(t.family()).zeros(2).address(t.source()).u32(t.reqid()).u8(t.mode().value()).u8(0)
                .u8(t.optional() ? 1 : 0).zeros(1).u32(-1).u32(-1).u32(-1);
    }
}
