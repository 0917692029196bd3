package io.ike4j.platform.xfrm;

/**
 * Numbers of the Linux netlink and XFRM user ABI ({@code <linux/netlink.h>}, {@code <linux/xfrm.h>}). These are
 * kernel constants, not IANA registries; structure sizes are those of x86_64/aarch64 (64-bit alignment).
 */
public final class XfrmAbi {
    private XfrmAbi() {
    }

    // <linux/netlink.h>
    public static final int NETLINK_XFRM = 6;
    public static final int NLMSG_HDRLEN = 16;
    public static final int NLMSG_NOOP = 1;
    public static final int NLMSG_ERROR = 2;
    public static final int NLMSG_DONE = 3;
    public static final int NLM_F_REQUEST = 0x1;
    public static final int NLM_F_MULTI = 0x2;
    public static final int NLM_F_ACK = 0x4;
    public static final int NLM_F_CAPPED = 0x100;
    public static final int NLM_F_ACK_TLVS = 0x200;
    public static final int NLMSGERR_ATTR_MSG = 1;

    // <linux/xfrm.h> message types
    public static final int XFRM_MSG_NEWSA = 0x10;
    public static final int XFRM_MSG_DELSA = 0x11;
    public static final int XFRM_MSG_GETSA = 0x12;
    public static final int XFRM_MSG_NEWPOLICY = 0x13;
    public static final int XFRM_MSG_DELPOLICY = 0x14;
    public static final int XFRM_MSG_GETPOLICY = 0x15;
    public static final int XFRM_MSG_ALLOCSPI = 0x16;
    public static final int XFRM_MSG_ACQUIRE = 0x17;
    public static final int XFRM_MSG_EXPIRE = 0x18;
    public static final int XFRM_MSG_UPDPOLICY = 0x19;
    public static final int XFRM_MSG_UPDSA = 0x1a;
    public static final int XFRM_MSG_POLEXPIRE = 0x1b;

    // attributes (enum xfrm_attr_type_t)
    public static final int XFRMA_ALG_AUTH = 1;
    public static final int XFRMA_ALG_CRYPT = 2;
    public static final int XFRMA_ENCAP = 4;
    public static final int XFRMA_TMPL = 5;
    public static final int XFRMA_SRCADDR = 13;
    public static final int XFRMA_ALG_AEAD = 18;
    public static final int XFRMA_ALG_AUTH_TRUNC = 20;
    public static final int XFRMA_MARK = 21;
    public static final int XFRMA_REPLAY_ESN_VAL = 23;
    public static final int XFRMA_IF_ID = 31;

    // multicast groups (enum xfrm_nlgroups)
    public static final int XFRMNLGRP_ACQUIRE = 1;
    public static final int XFRMNLGRP_EXPIRE = 2;
    public static final int XFRMNLGRP_SA = 3;
    public static final int XFRMNLGRP_POLICY = 4;

    // xfrm_usersa_info.flags
    public static final int XFRM_STATE_NOECN = 1;
    public static final int XFRM_STATE_ESN = 128;

    public static final int XFRM_POLICY_ALLOW = 0;
    public static final int XFRM_POLICY_BLOCK = 1;

    /** XFRM_INF: "no limit" for byte and packet lifetimes. */
    public static final long XFRM_INF = -1L;

    /** UDP_ENCAP_ESPINUDP from {@code <linux/udp.h>} (RFC 3948). */
    public static final int UDP_ENCAP_ESPINUDP = 2;

    public static final int IPPROTO_ESP = 50;
    public static final int IPPROTO_AH = 51;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;

    // structure sizes (bytes)
    static final int SIZEOF_SELECTOR = 56;
    static final int SIZEOF_ID = 24;
    static final int SIZEOF_LIFETIME_CFG = 64;
    static final int SIZEOF_LIFETIME_CUR = 32;
    static final int SIZEOF_USERSA_INFO = 224;
    static final int SIZEOF_USERSA_ID = 24;
    static final int SIZEOF_USERSPI_INFO = 232;
    static final int SIZEOF_USERPOLICY_INFO = 168;
    static final int SIZEOF_USERPOLICY_ID = 64;
    static final int SIZEOF_USER_TMPL = 64;
    static final int SIZEOF_USER_ACQUIRE = 280;
    static final int SIZEOF_USER_EXPIRE = 232;
    static final int SIZEOF_USER_POLEXPIRE = 176;
    static final int ALG_NAME_LEN = 64;
}
