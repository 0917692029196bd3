package io.ike4j.core.crypto;

import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;

/** How many bytes of keying material each negotiated transform takes from prf+ (RFC 7296 2.14, 2.17). */
public final class KeyMaterialLengths {

    private KeyMaterialLengths() {}

    /**
     * Encryption key material in bytes, including any salt/nonce the mode takes from the key stream:
     * 4 bytes for AES-GCM/GMAC (RFC 5282, RFC 4106, RFC 4543), CTR (RFC 5930, RFC 3686) and
     * ChaCha20-Poly1305 (RFC 7634), 3 bytes for CCM (RFC 5282, RFC 4309).
     *
     * @param keyBits the Key Length attribute, ignored for fixed-size ciphers (0 allowed)
     * @throws IllegalArgumentException for an unknown cipher or a key length it does not accept
     */
    public static int encryption(EncryptionAlgorithm algorithm, int keyBits) {
        return switch (algorithm) {
            case NULL -> 0;
            case TRIPLE_DES -> 24;
            case CHACHA20_POLY1305 -> {
                if (keyBits != 0 && keyBits != 256) throw new IllegalArgumentException("ChaCha20 key is 256 bits");
                yield 32 + 4;
            }
            case AES_CBC, CAMELLIA_CBC -> variable(algorithm, keyBits);
            case AES_CTR, CAMELLIA_CTR, AES_GCM_8, AES_GCM_12, AES_GCM_16, NULL_AUTH_AES_GMAC ->
                    variable(algorithm, keyBits) + 4;
            case AES_CCM_8, AES_CCM_12, AES_CCM_16, CAMELLIA_CCM_8, CAMELLIA_CCM_12, CAMELLIA_CCM_16 ->
                    variable(algorithm, keyBits) + 3;
            default -> throw new IllegalArgumentException("no key length known for " + algorithm);
        };
    }

    /** Integrity key length in bytes; 0 for NONE (as with AEAD ciphers). */
    public static int integrity(IntegrityAlgorithm algorithm) {
        return algorithm == null ? 0 : algorithm.keyLength();
    }

    private static int variable(EncryptionAlgorithm algorithm, int keyBits) {
        if (!algorithm.acceptsKeyLength(keyBits)) {
            throw new IllegalArgumentException(algorithm + " does not accept a " + keyBits + "-bit key");
        }
        return keyBits / 8;
    }
}
