package io.ike4j.core.codec.payload;

import io.ike4j.core.proposal.IanaValue;
import java.util.Optional;

/** IKEv2 Authentication Methods (IANA; RFC 7296 3.8, RFC 4754, RFC 6467, RFC 7619, RFC 7427). */
public enum AuthMethod implements IanaValue {
    RSA_DIGITAL_SIGNATURE(1),
    SHARED_KEY_MIC(2),
    DSS_DIGITAL_SIGNATURE(3),
    ECDSA_SHA256_P256(9),
    ECDSA_SHA384_P384(10),
    ECDSA_SHA512_P521(11),
    GENERIC_SECURE_PASSWORD(12),
    NULL_AUTH(13),
    DIGITAL_SIGNATURE(14);

    private final int value;

    AuthMethod(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    public static Optional<AuthMethod> of(int value) {
        for (AuthMethod e : values()) {
            if (e.value == value) return Optional.of(e);
        }
        return Optional.empty();
    }
}
