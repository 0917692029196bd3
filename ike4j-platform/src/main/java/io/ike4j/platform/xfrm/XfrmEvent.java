package io.ike4j.platform.xfrm;

import java.net.InetAddress;

/** Kernel notifications on the XFRMNLGRP_ACQUIRE and XFRMNLGRP_EXPIRE multicast groups. */
public sealed interface XfrmEvent extends XfrmMessage permits XfrmEvent.Acquire, XfrmEvent.Expire, XfrmEvent.PolicyExpire {

    /**
     * XFRM_MSG_ACQUIRE ({@code struct xfrm_user_acquire}): a packet matched {@code policy} and no SA exists for the
     * template; the key manager should negotiate one (RFC 7296 1.3 CREATE_CHILD_SA, or an IKE_SA first).
     * {@code destination}/{@code source} are the template's (outer) addresses, {@code selector} the packet's flow.
     */
    record Acquire(int seq, InetAddress destination, InetAddress source, int protocol, XfrmSelector selector,
                   XfrmPolicyInfo policy, int acquireSeq) implements XfrmEvent {
    }

    /** XFRM_MSG_EXPIRE: {@code hard} false = soft limit reached (rekey), true = SA is gone. */
    record Expire(int seq, XfrmSaInfo sa, boolean hard) implements XfrmEvent {
    }

    /** XFRM_MSG_POLEXPIRE. */
    record PolicyExpire(int seq, XfrmPolicyInfo policy, boolean hard) implements XfrmEvent {
    }
}
