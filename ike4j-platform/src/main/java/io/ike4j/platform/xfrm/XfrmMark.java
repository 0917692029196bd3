package io.ike4j.platform.xfrm;

/** {@code struct xfrm_mark}: the SA or policy applies to packets whose mark, under {@code mask}, equals {@code value}. */
public record XfrmMark(int value, int mask) {
}
