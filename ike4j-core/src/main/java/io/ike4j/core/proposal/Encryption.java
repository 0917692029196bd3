package io.ike4j.core.proposal;

/**
 * An encryption transform with its key length: {@code keyBits} is the Key Length attribute
 * (RFC 7296 3.3.5) for variable-length algorithms, and 0 for fixed-length ones (3DES, ChaCha20-Poly1305).
 */
public record Encryption(EncryptionAlgorithm algorithm, int keyBits) {
    public Encryption {
        if (algorithm == null) throw new IllegalArgumentException("algorithm is null");
        if (algorithm.hasVariableKeyLength() ? !algorithm.acceptsKeyLength(keyBits) : keyBits != 0) {
            throw new IllegalArgumentException("invalid key length " + keyBits + " for " + algorithm);
        }
    }

    public static Encryption of(EncryptionAlgorithm algorithm) {
        return new Encryption(algorithm, 0);
    }

    public boolean isAead() {
        return algorithm.isAead();
    }

    /** strongSwan's name, e.g. {@code AES_CBC_128}, {@code AES_GCM_16_256}, {@code CHACHA20_POLY1305}. */
    public String strongSwanName() {
        return switch (algorithm) {
            case TRIPLE_DES -> "3DES_CBC";
            case DES -> "DES_CBC";
            case BLOWFISH -> "BLOWFISH_CBC";
            default -> keyBits == 0 ? algorithm.name() : algorithm.name() + "_" + keyBits;
        };
    }

    @Override
    public String toString() {
        return strongSwanName();
    }
}
