package io.ike4j.platform.xfrm;

/** {@code struct xfrm_userpolicy_info} as reported in ACQUIRE and POLEXPIRE; {@code direction} raw (0 in, 1 out, 2 fwd). */
public record XfrmPolicyInfo(XfrmSelector selector, XfrmLifetime lifetime, int priority, int index, int direction,
                             int action, int flags) {
}
