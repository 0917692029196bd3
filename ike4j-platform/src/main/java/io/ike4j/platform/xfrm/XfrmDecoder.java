package io.ike4j.platform.xfrm;

import static io.ike4j.platform.xfrm.ByteReader.*;
import static io.ike4j.platform.xfrm.XfrmAbi.*;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes what the kernel sends on a NETLINK_XFRM socket: acks and errors, SA answers (GETSA, ALLOCSPI) and
 * the ACQUIRE / EXPIRE / POLEXPIRE events. Every length is checked before it is used; anything that does not
 * fit becomes {@link XfrmMessage.Malformed}, never an exception.
 */
public final class XfrmDecoder {
    private XfrmDecoder() {
    }

    /** Splits a datagram of {@code length} bytes into its netlink messages and decodes each. */
    public static List<XfrmMessage> decode(byte[] data, int length) {
        List<XfrmMessage> out = new ArrayList<>();
        int end = Math.min(length, data.length);
        int off = 0;
        while (end - off >= NLMSG_HDRLEN) {
            int len = u32(data, off);
            int type = u16(data, off + 4);
            int seq = u32(data, off + 8);
            if (len < NLMSG_HDRLEN || len > end - off) {
                out.add(new XfrmMessage.Malformed(seq, "nlmsg_len " + Integer.toUnsignedString(len) + " does not fit in "
                        + (end - off) + " bytes"));
                return out;
            }
            out.add(decodeOne(data, off, len, type, u16(data, off + 6), seq));
            off += (len + 3) & ~3;
        }
        if (off < end) out.add(new XfrmMessage.Malformed(0, (end - off) + " trailing bytes"));
        return out;
    }

    private static XfrmMessage decodeOne(byte[] b, int off, int len, int type, int flags, int seq) {
        int p = off + NLMSG_HDRLEN;
        int plen = len - NLMSG_HDRLEN;
        try {
            return switch (type) {
                case NLMSG_ERROR -> error(b, p, plen, flags, seq);
                case XFRM_MSG_NEWSA, XFRM_MSG_UPDSA -> plen < SIZEOF_USERSA_INFO ? tooShort(seq, "xfrm_usersa_info", plen)
                        : saInfo(b, p, p + plen, seq);
                case XFRM_MSG_ACQUIRE -> plen < SIZEOF_USER_ACQUIRE ? tooShort(seq, "xfrm_user_acquire", plen) : acquire(b, p, seq);
                case XFRM_MSG_EXPIRE -> plen < SIZEOF_USER_EXPIRE ? tooShort(seq, "xfrm_user_expire", plen)
                        : expire(b, p, seq);
                case XFRM_MSG_POLEXPIRE -> plen < SIZEOF_USER_POLEXPIRE ? tooShort(seq, "xfrm_user_polexpire", plen)
                        : new XfrmEvent.PolicyExpire(seq, policyInfo(b, p), u8(b, p + SIZEOF_USERPOLICY_INFO) != 0);
                default -> new XfrmMessage.Other(seq, type);
            };
        } catch (IllegalArgumentException e) {
            // a record's validation refused decoded values (e.g. a prefix length above 128)
            return new XfrmMessage.Malformed(seq, "inconsistent fields: " + e.getMessage());
        }
    }

    private static XfrmMessage tooShort(int seq, String what, int have) {
        return new XfrmMessage.Malformed(seq, what + " needs more than " + have + " bytes");
    }

    // struct nlmsgerr: int error; struct nlmsghdr msg; [payload unless NLM_F_CAPPED]; [TLVs if NLM_F_ACK_TLVS]
    private static XfrmMessage error(byte[] b, int p, int plen, int flags, int seq) {
        if (plen < 4) return tooShort(seq, "nlmsgerr", plen);
        int error = u32(b, p);
        if (error == 0) return new XfrmMessage.Ack(seq);
        int requestType = plen >= 4 + NLMSG_HDRLEN ? u16(b, p + 8) : 0;
        String text = null;
        if ((flags & NLM_F_ACK_TLVS) != 0 && plen >= 4 + NLMSG_HDRLEN) {
            int echoed = (flags & NLM_F_CAPPED) != 0 ? NLMSG_HDRLEN : u32(b, p + 4);
            int tlv = p + 4 + ((echoed + 3) & ~3);
            if (echoed >= NLMSG_HDRLEN && tlv <= p + plen) text = attributeString(b, tlv, p + plen, NLMSGERR_ATTR_MSG);
        }
        return new XfrmMessage.Error(seq, requestType, -error, text);
    }

    private static String attributeString(byte[] b, int from, int to, int wanted) {
        for (int a = from; to - a >= 4; ) {
            int alen = u16(b, a);
            if (alen < 4 || alen > to - a) return null;
            if ((u16(b, a + 2) & 0x3fff) == wanted) return cString(b, a + 4, alen - 4);
            a += (alen + 3) & ~3;
        }
        return null;
    }

    private static String cString(byte[] b, int at, int max) {
        int n = 0;
        while (n < max && b[at + n] != 0) n++;
        return new String(b, at, n, StandardCharsets.US_ASCII);
    }

    static XfrmSelector selector(byte[] b, int at) {
        int family = u16(b, at + 40);
        InetAddress dst = XfrmAddresses.decode(b, at, family).orElse(null);
        InetAddress src = XfrmAddresses.decode(b, at + 16, family).orElse(null);
        return new XfrmSelector(family, src, u8(b, at + 43), dst, u8(b, at + 42), u8(b, at + 44),
                u16be(b, at + 36), u16be(b, at + 38), u16be(b, at + 32), u16be(b, at + 34), u32(b, at + 48));
    }

    static XfrmLifetime lifetime(byte[] b, int at) {
        return new XfrmLifetime(u64(b, at), u64(b, at + 8), u64(b, at + 16), u64(b, at + 24),
                u64(b, at + 32), u64(b, at + 40), u64(b, at + 48), u64(b, at + 56));
    }

    // struct xfrm_usersa_info, then attributes up to 'end'
    private static XfrmMessage saInfo(byte[] b, int p, int end, int seq) {
        XfrmSaInfo sa = decodeSa(b, p, end);
        return sa == null ? new XfrmMessage.Malformed(seq, "bad attribute after xfrm_usersa_info") : new XfrmMessage.SaReply(seq, sa);
    }

    private static XfrmSaInfo decodeSa(byte[] b, int p, int end) {
        int family = u16(b, p + 212);
        List<String> algs = new ArrayList<>();
        XfrmEncap encap = null;
        XfrmMark mark = null;
        int ifId = 0;
        for (int a = p + SIZEOF_USERSA_INFO; end - a >= 4; ) {
            int alen = u16(b, a);
            if (alen < 4 || alen > end - a) return null;
            int type = u16(b, a + 2) & 0x3fff;
            int v = a + 4;
            int vlen = alen - 4;
            switch (type) {
                case XFRMA_ALG_AEAD, XFRMA_ALG_CRYPT, XFRMA_ALG_AUTH, XFRMA_ALG_AUTH_TRUNC -> {
                    if (vlen < ALG_NAME_LEN) return null;
                    algs.add(cString(b, v, ALG_NAME_LEN));
                }
                case XFRMA_ENCAP -> {
                    if (vlen < 24) return null;
                    encap = new XfrmEncap(u16(b, v), u16be(b, v + 2), u16be(b, v + 4),
                            XfrmAddresses.decode(b, v + 8, family).filter(oa -> !oa.isAnyLocalAddress()).orElse(null)); // 0.0.0.0 = no NAT-OA
                }
                case XFRMA_MARK -> {
                    if (vlen < 8) return null;
                    mark = new XfrmMark(u32(b, v), u32(b, v + 4));
                }
                case XFRMA_IF_ID -> {
                    if (vlen < 4) return null;
                    ifId = u32(b, v);
                }
                default -> { }
            }
            a += (alen + 3) & ~3;
        }
        return new XfrmSaInfo(selector(b, p),
                XfrmAddresses.decode(b, p + 56, family).orElse(null), u32be(b, p + 72), u8(b, p + 76),
                XfrmAddresses.decode(b, p + 80, family).orElse(null), lifetime(b, p + 96),
                u64(b, p + 160), u64(b, p + 168), u64(b, p + 176), u64(b, p + 184),
                u32(b, p + 208), family, XfrmMode.of(u8(b, p + 214)), u8(b, p + 215), u8(b, p + 216),
                algs, encap, mark, ifId);
    }

    static XfrmPolicyInfo policyInfo(byte[] b, int p) {
        return new XfrmPolicyInfo(selector(b, p), lifetime(b, p + 56), u32(b, p + 152), u32(b, p + 156),
                u8(b, p + 160), u8(b, p + 161), u8(b, p + 162));
    }

    // struct xfrm_user_acquire: id, saddr, sel, policy, aalgos, ealgos, calgos, seq
    private static XfrmMessage acquire(byte[] b, int p, int seq) {
        XfrmSelector sel = selector(b, p + 40);
        int family = sel.family() == AF_INET6 ? AF_INET6 : AF_INET;
        return new XfrmEvent.Acquire(seq, XfrmAddresses.decode(b, p, family).orElse(null),
                XfrmAddresses.decode(b, p + 24, family).orElse(null), u8(b, p + 20), sel,
                policyInfo(b, p + 96), u32(b, p + 276));
    }

    // struct xfrm_user_expire: state, hard
    private static XfrmMessage expire(byte[] b, int p, int seq) {
        XfrmSaInfo sa = decodeSa(b, p, p + SIZEOF_USERSA_INFO);
        if (sa == null) return new XfrmMessage.Malformed(seq, "bad xfrm_user_expire");
        return new XfrmEvent.Expire(seq, sa, u8(b, p + SIZEOF_USERSA_INFO) != 0);
    }
}
