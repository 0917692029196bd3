package io.ike4j.platform.xfrm;

import java.util.Objects;

/** Names one policy for XFRM_MSG_DELPOLICY ({@code struct xfrm_userpolicy_id}); {@code mark} null = absent. */
public record XfrmPolicyId(XfrmSelector selector, XfrmDirection direction, int index, XfrmMark mark, int ifId) {
    public XfrmPolicyId {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(direction, "direction");
    }

    public static XfrmPolicyId of(XfrmSelector selector, XfrmDirection direction) {
        return new XfrmPolicyId(selector, direction, 0, null, 0);
    }
}
