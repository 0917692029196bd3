package io.ike4j.platform.xfrm;

import java.util.List;
import java.util.Objects;

/**
 * One policy (XFRM_MSG_NEWPOLICY / UPDPOLICY): {@code struct xfrm_userpolicy_info}, its templates (XFRMA_TMPL)
 * and optional mark / if_id ({@code mark} null and {@code ifId} 0 = absent).
 */
public record XfrmPolicy(XfrmSelector selector, XfrmDirection direction, int priority, int index, boolean block,
                         List<XfrmTemplate> templates, XfrmMark mark, int ifId, XfrmLifetime lifetime) {
    public XfrmPolicy {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(lifetime, "lifetime");
        templates = List.copyOf(templates);
    }

    /** An "allow" policy with templates, no mark, no if_id, unlimited lifetime, index chosen by the kernel. */
    public static XfrmPolicy allow(XfrmSelector selector, XfrmDirection direction, int priority, List<XfrmTemplate> templates) {
        return new XfrmPolicy(selector, direction, priority, 0, false, templates, null, 0, XfrmLifetime.UNLIMITED);
    }

    public XfrmPolicy withMark(XfrmMark m) {
        return new XfrmPolicy(selector, direction, priority, index, block, templates, m, ifId, lifetime);
    }

    public XfrmPolicy withIfId(int id) {
        return new XfrmPolicy(selector, direction, priority, index, block, templates, mark, id, lifetime);
    }

    public XfrmPolicyId id() {
        return new XfrmPolicyId(selector, direction, index, mark, ifId);
    }
}
