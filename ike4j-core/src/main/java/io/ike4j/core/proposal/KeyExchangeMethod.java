package io.ike4j.core.proposal;

import java.util.Optional;

/** Transform Type 4 (and ADDKE1..7), Key Exchange Method Transform IDs (IANA; RFC 7296, RFC 5903, RFC 8031, RFC 9370). */
public enum KeyExchangeMethod implements IanaValue {
    NONE(0, 0),
    MODP_768(1, 96),
    MODP_1024(2, 128),
    MODP_1536(5, 192),
    MODP_2048(14, 256),
    MODP_3072(15, 384),
    MODP_4096(16, 512),
    MODP_6144(17, 768),
    MODP_8192(18, 1024),
    ECP_256(19, 64),
    ECP_384(20, 96),
    ECP_521(21, 132),
    MODP_1024_160(22, 128),
    MODP_2048_224(23, 256),
    MODP_2048_256(24, 256),
    ECP_192(25, 48),
    ECP_224(26, 56),
    BRAINPOOL_P224R1(27, 56),
    BRAINPOOL_P256R1(28, 64),
    BRAINPOOL_P384R1(29, 96),
    BRAINPOOL_P512R1(30, 128),
    CURVE25519(31, 32),
    CURVE448(32, 56),
    GOST3410_2012_256(33, 0),
    GOST3410_2012_512(34, 0),
    ML_KEM_512(35, 0),
    ML_KEM_768(36, 0),
    ML_KEM_1024(37, 0);

    private final int value;
    private final int publicValueLength;

    KeyExchangeMethod(int value, int publicValueLength) {
        this.value = value;
        this.publicValueLength = publicValueLength;
    }

    @Override
    public int value() {
        return value;
    }

    /**
     * Length in bytes of the key exchange data in a KE payload for Diffie-Hellman style methods
     * (RFC 7296 3.4, RFC 5903 7, RFC 8031 2); 0 where it differs by direction (ML-KEM) or is unknown.
     */
    public int publicValueLength() {
        return publicValueLength;
    }

    public static Optional<KeyExchangeMethod> of(int value) {
        for (KeyExchangeMethod k : values()) {
            if (k.value == value) return Optional.of(k);
        }
        return Optional.empty();
    }
}
