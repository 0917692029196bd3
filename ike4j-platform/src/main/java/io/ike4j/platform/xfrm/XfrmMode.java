package io.ike4j.platform.xfrm;

/** XFRM_MODE_* of {@code <linux/xfrm.h>}. */
public enum XfrmMode {
    TRANSPORT(0), TUNNEL(1);

    private final int value;

    XfrmMode(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static XfrmMode of(int value) {
        return value == 1 ? TUNNEL : TRANSPORT;
    }
}
