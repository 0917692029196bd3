package io.ike4j.core.auth.eap;

import java.util.Optional;

/** EAP method types used here (IANA "EAP Method Types", RFC 3748 5/6). Other values travel as plain ints. */
public enum EapType {
    IDENTITY(1),
    NOTIFICATION(2),
    NAK(3),
    MD5_CHALLENGE(4),
    TLS(13),
    MSCHAPV2(26),
    /** RFC 3748 5.7: vendor-specific Expanded Type; carried but not interpreted (treated as unknown). */
    EXPANDED(254),
    EXPERIMENTAL(255);

    private final int value;

    EapType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static Optional<EapType> of(int value) {
        for (EapType t : values()) if (t.value == value) return Optional.of(t);
        return Optional.empty();
    }

    /** A Type is an authentication method (not Identity/Notification/Nak, RFC 3748 5). */
    public static boolean isMethod(int type) {
        return type >= 4 && type != EXPANDED.value && type != EXPERIMENTAL.value;
    }
}
