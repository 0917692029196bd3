package io.ike4j.platform.radius;

import java.util.Optional;

/** RADIUS packet Codes used by an authenticating NAS (RFC 2865 3, 4). */
public enum RadiusCode {
    ACCESS_REQUEST(1),
    ACCESS_ACCEPT(2),
    ACCESS_REJECT(3),
    ACCESS_CHALLENGE(11);

    private final int value;

    RadiusCode(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static Optional<RadiusCode> of(int value) {
        for (RadiusCode c : values()) if (c.value == value) return Optional.of(c);
        return Optional.empty();
    }
}
