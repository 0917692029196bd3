package io.ike4j.core.crypto;

import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import java.util.Objects;

/** Builds the {@link SkProtection} for one direction of an IKE SA from the negotiated transforms and keys. */
public final class SkProtections {

    private SkProtections() {}

    /**
     * True if SK payloads can be protected with this combination: AES-CBC-128/192/256 with HMAC-SHA1-96 or
     * HMAC-SHA2-*, or an AEAD (AES-GCM-8/12/16, ChaCha20-Poly1305) with no integrity algorithm.
     */
    public static boolean isSupported(EncryptionAlgorithm encryption, int keyBits, IntegrityAlgorithm integrity) {
        if (encryption == null) return false;
        boolean noIntegrity = integrity == null || integrity == IntegrityAlgorithm.NONE;
        return switch (encryption) {
            case AES_CBC -> encryption.acceptsKeyLength(keyBits) && !noIntegrity && Integrity.isSupported(integrity);
            case AES_GCM_8, AES_GCM_12, AES_GCM_16 -> encryption.acceptsKeyLength(keyBits) && noIntegrity;
            case CHACHA20_POLY1305 -> (keyBits == 0 || keyBits == 256) && noIntegrity;
            default -> false;
        };
    }

    /** {@link #forDirection(EncryptionAlgorithm, int, IntegrityAlgorithm, byte[], byte[], RandomSource, CryptoProvider)} with the default JCA. */
    public static SkProtection forDirection(EncryptionAlgorithm encryption, int keyBits, IntegrityAlgorithm integrity,
            byte[] encKey, byte[] integKey, RandomSource random) {
        return forDirection(encryption, keyBits, integrity, encKey, integKey, random, CryptoProvider.jca());
    }

    /**
     * As {@link #forDirection(EncryptionAlgorithm, int, IntegrityAlgorithm, byte[], byte[], RandomSource, CryptoProvider)}
     * with the engines chosen per primitive: AEAD for GCM/ChaCha20-Poly1305, CBC and MAC for AES-CBC with HMAC.
     */
    public static SkProtection forDirection(EncryptionAlgorithm encryption, int keyBits, IntegrityAlgorithm integrity,
            byte[] encKey, byte[] integKey, RandomSource random, CryptoProviders providers) {
        if (encryption != EncryptionAlgorithm.AES_CBC) {
            return forDirection(encryption, keyBits, integrity, encKey, integKey, random, providers.aead());
        }
        CryptoProvider cbc = providers.engines(CryptoPrimitive.CBC);
        CryptoProvider mac = providers.mac();
        if (!isSupported(encryption, keyBits, integrity) || encKey == null || encKey.length != KeyMaterialLengths.encryption(encryption, keyBits)) {
            return forDirection(encryption, keyBits, integrity, encKey, integKey, random, cbc); // throws the usual errors
        }
        Integrity integ = Integrity.of(integrity, mac);
        if (integKey == null || integKey.length != integ.keyLength()) {
            throw new IllegalArgumentException("integrity key must be " + integ.keyLength() + " bytes");
        }
        return new CbcProtection(encKey, integ, integKey, Objects.requireNonNull(random, "random"), cbc);
    }

    /**
     * @param encKey SK_ei or SK_er (for AEAD including the 4-byte salt: see {@link KeyMaterialLengths#encryption})
     * @param integKey SK_ai or SK_ar; ignored (may be null or empty) for AEAD
     * @throws IllegalArgumentException if the combination is unsupported or a key has the wrong length
     */
    public static SkProtection forDirection(EncryptionAlgorithm encryption, int keyBits, IntegrityAlgorithm integrity,
            byte[] encKey, byte[] integKey, RandomSource random, CryptoProvider provider) {
        Objects.requireNonNull(encKey, "encKey");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(provider, "provider");
        if (!isSupported(encryption, keyBits, integrity)) {
            throw new IllegalArgumentException("unsupported SK protection " + encryption + "/" + keyBits + "/" + integrity);
        }
        int expected = KeyMaterialLengths.encryption(encryption, keyBits);
        if (encKey.length != expected) {
            throw new IllegalArgumentException("encryption key must be " + expected + " bytes, got " + encKey.length);
        }
        return switch (encryption) {
            case AES_CBC -> {
                Integrity integ = Integrity.of(integrity, provider);
                if (integKey == null || integKey.length != integ.keyLength()) {
                    throw new IllegalArgumentException("integrity key must be " + integ.keyLength() + " bytes");
                }
                yield new CbcProtection(encKey, integ, integKey, random, provider);
            }
            case CHACHA20_POLY1305 -> new AeadProtection("ChaCha20-Poly1305", AeadCipher.Kind.CHACHA20_POLY1305,
                    encryption.icvLength(), encKey, random, provider);
            default -> new AeadProtection("AES-" + keyBits + "-GCM-" + encryption.icvLength(), AeadCipher.Kind.AES_GCM,
                    encryption.icvLength(), encKey, random, provider);
        };
    }
}
