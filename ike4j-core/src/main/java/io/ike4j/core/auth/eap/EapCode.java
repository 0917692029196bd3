package io.ike4j.core.auth.eap;

import java.util.Optional;

/** EAP Code field (RFC 3748 4). */
public enum EapCode {
    REQUEST(1),
    RESPONSE(2),
    SUCCESS(3),
    FAILURE(4);

    private final int value;

    EapCode(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static Optional<EapCode> of(int value) {
        for (EapCode c : values()) if (c.value == value) return Optional.of(c);
        return Optional.empty();
    }
}
