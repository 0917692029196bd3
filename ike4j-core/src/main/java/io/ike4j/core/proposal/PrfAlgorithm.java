package io.ike4j.core.proposal;

import java.util.Optional;

/** Transform Type 2, Pseudorandom Function Transform IDs (IANA; RFC 7296 3.3.2, RFC 4868). */
public enum PrfAlgorithm implements IanaValue {
    HMAC_MD5(1, 16),
    HMAC_SHA1(2, 20),
    HMAC_TIGER(3, 24),
    AES128_XCBC(4, 16),
    HMAC_SHA2_256(5, 32),
    HMAC_SHA2_384(6, 48),
    HMAC_SHA2_512(7, 64),
    AES128_CMAC(8, 16);

    private final int value;
    private final int outputLength;

    PrfAlgorithm(int value, int outputLength) {
        this.value = value;
        this.outputLength = outputLength;
    }

    @Override
    public int value() {
        return value;
    }

    /** Output (and preferred key) length in bytes. */
    public int outputLength() {
        return outputLength;
    }

    public static Optional<PrfAlgorithm> of(int value) {
        for (PrfAlgorithm p : values()) {
            if (p.value == value) return Optional.of(p);
        }
        return Optional.empty();
    }
}
