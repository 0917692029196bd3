package io.ike4j.core.proposal;

import java.util.Optional;

/**
 * Transform Type 1, Encryption Algorithm Transform IDs (IANA; RFC 7296 3.3.2, RFC 5282, RFC 7634).
 * {@code keyLengths} lists the key sizes in bits the algorithm accepts through the Key Length
 * attribute (empty when it has a fixed key size and must not carry the attribute).
 */
public enum EncryptionAlgorithm implements IanaValue {
    DES_IV64(1, false, 0, 0),
    DES(2, false, 0, 0),
    TRIPLE_DES(3, false, 0, 0),
    RC5(4, false, 0, 0),
    IDEA(5, false, 0, 0),
    CAST(6, false, 0, 0),
    BLOWFISH(7, false, 0, 0),
    TRIPLE_IDEA(8, false, 0, 0),
    DES_IV32(9, false, 0, 0),
    NULL(11, false, 0, 0),
    AES_CBC(12, false, 16, 0, 128, 192, 256),
    AES_CTR(13, false, 8, 0, 128, 192, 256),
    AES_CCM_8(14, true, 8, 8, 128, 192, 256),
    AES_CCM_12(15, true, 8, 12, 128, 192, 256),
    AES_CCM_16(16, true, 8, 16, 128, 192, 256),
    AES_GCM_8(18, true, 8, 8, 128, 192, 256),
    AES_GCM_12(19, true, 8, 12, 128, 192, 256),
    AES_GCM_16(20, true, 8, 16, 128, 192, 256),
    NULL_AUTH_AES_GMAC(21, false, 8, 0, 128, 192, 256),
    CAMELLIA_CBC(23, false, 16, 0, 128, 192, 256),
    CAMELLIA_CTR(24, false, 8, 0, 128, 192, 256),
    CAMELLIA_CCM_8(25, true, 8, 8, 128, 192, 256),
    CAMELLIA_CCM_12(26, true, 8, 12, 128, 192, 256),
    CAMELLIA_CCM_16(27, true, 8, 16, 128, 192, 256),
    CHACHA20_POLY1305(28, true, 8, 16);

    private final int value;
    private final boolean aead;
    private final int ivLength;
    private final int icvLength;
    private final int[] keyLengths;

    EncryptionAlgorithm(int value, boolean aead, int ivLength, int icvLength, int... keyLengths) {
        this.value = value;
        this.aead = aead;
        this.ivLength = ivLength;
        this.icvLength = icvLength;
        this.keyLengths = keyLengths;
    }

    @Override
    public int value() {
        return value;
    }

    /** Authenticated encryption (RFC 5282): no separate integrity transform is negotiated. */
    public boolean isAead() {
        return aead;
    }

    /** Length of the explicit IV in the SK payload / ESP packet, in bytes (0 where unspecified here). */
    public int ivLength() {
        return ivLength;
    }

    /** Length of the AEAD integrity check value in bytes (0 for non-AEAD). */
    public int icvLength() {
        return icvLength;
    }

    /** True if the transform needs a Key Length attribute (RFC 7296 3.3.5). */
    public boolean hasVariableKeyLength() {
        return keyLengths.length > 0;
    }

    public boolean acceptsKeyLength(int bits) {
        for (int k : keyLengths) {
            if (k == bits) return true;
        }
        return false;
    }

    public static Optional<EncryptionAlgorithm> of(int value) {
        for (EncryptionAlgorithm e : values()) {
            if (e.value == value) return Optional.of(e);
        }
        return Optional.empty();
    }
}
