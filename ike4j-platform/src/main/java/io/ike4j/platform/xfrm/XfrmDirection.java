package io.ike4j.platform.xfrm;

import java.util.Optional;

/** XFRM_POLICY_IN/OUT/FWD of {@code <linux/xfrm.h>}. */
public enum XfrmDirection {
    IN(0), OUT(1), FWD(2);

    private final int value;

    XfrmDirection(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static Optional<XfrmDirection> of(int value) {
        for (XfrmDirection d : values()) {
            if (d.value == value) return Optional.of(d);
        }
        return Optional.empty();
    }
}
