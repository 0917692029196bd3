package io.ike4j.core.proposal;

import java.util.Optional;

/** Transform Type 3, Integrity Algorithm Transform IDs (IANA; RFC 7296 3.3.2, RFC 4868). */
public enum IntegrityAlgorithm implements IanaValue {
    NONE(0, 0, 0),
    HMAC_MD5_96(1, 16, 12),
    HMAC_SHA1_96(2, 20, 12),
    DES_MAC(3, 0, 0),
    KPDK_MD5(4, 0, 0),
    AES_XCBC_96(5, 16, 12),
    HMAC_MD5_128(6, 16, 16),
    HMAC_SHA1_160(7, 20, 20),
    AES_CMAC_96(8, 16, 12),
    AES_128_GMAC(9, 16, 16),
    AES_192_GMAC(10, 24, 16),
    AES_256_GMAC(11, 32, 16),
    HMAC_SHA2_256_128(12, 32, 16),
    HMAC_SHA2_384_192(13, 48, 24),
    HMAC_SHA2_512_256(14, 64, 32);

    private final int value;
    private final int keyLength;
    private final int icvLength;

    IntegrityAlgorithm(int value, int keyLength, int icvLength) {
        this.value = value;
        this.keyLength = keyLength;
        this.icvLength = icvLength;
    }

    @Override
    public int value() {
        return value;
    }

    /** Key length in bytes. */
    public int keyLength() {
        return keyLength;
    }

    /** Length of the truncated output (ICV) in bytes. */
    public int icvLength() {
        return icvLength;
    }

    public static Optional<IntegrityAlgorithm> of(int value) {
        for (IntegrityAlgorithm i : values()) {
            if (i.value == value) return Optional.of(i);
        }
        return Optional.empty();
    }
}
