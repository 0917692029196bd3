package io.ike4j.core.crypto.v1;

import io.ike4j.core.codec.v1.V1EncryptionAlgorithm;
import io.ike4j.core.crypto.CryptoProvider;
import io.ike4j.core.crypto.CryptoUnavailableException;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Phase 1 CBC cipher protecting ISAKMP messages (RFC 2409 Appendix B): AES-CBC with 128/192/256-bit keys
 * (RFC 3602) and 3DES-CBC (legacy). Raw CBC on whole blocks; the codec-level padding is zeros up to the block
 * size. Stateless: the caller chains the IV ({@link V1Ivs#next}).
 */
public final class V1Cipher {
    private final V1EncryptionAlgorithm algorithm;
    private final int keyLength;
    private final int blockSize;
    private final String transformation;
    private final String keyAlgorithm;
    private final CryptoProvider provider;

    private V1Cipher(V1EncryptionAlgorithm algorithm, int keyLength, int blockSize, String transformation,
                     String keyAlgorithm, CryptoProvider provider) {
        this.algorithm = algorithm;
        this.keyLength = keyLength;
        this.blockSize = blockSize;
        this.transformation = transformation;
        this.keyAlgorithm = keyAlgorithm;
        this.provider = provider;
    }

    /**
     * The cipher for the negotiated encryption algorithm and Key Length attribute (bits; 0 = absent, which for
     * AES means 128 per RFC 3602 and strongSwan). Empty if unsupported or the key length is invalid.
     */
    public static Optional<V1Cipher> of(V1EncryptionAlgorithm algorithm, int keyLengthBits) {
        return of(algorithm, keyLengthBits, CryptoProvider.jca());
    }

    public static Optional<V1Cipher> of(V1EncryptionAlgorithm algorithm, int keyLengthBits, CryptoProvider provider) {
        Objects.requireNonNull(provider, "provider");
        return switch (Objects.requireNonNull(algorithm, "algorithm")) {
            case AES_CBC -> {
                int bits = keyLengthBits == 0 ? 128 : keyLengthBits;
                yield bits == 128 || bits == 192 || bits == 256
                        ? Optional.of(new V1Cipher(algorithm, bits / 8, 16, "AES/CBC/NoPadding", "AES", provider))
                        : Optional.empty();
            }
            case TRIPLE_DES_CBC -> keyLengthBits == 0 || keyLengthBits == 192
                    ? Optional.of(new V1Cipher(algorithm, 24, 8, "DESede/CBC/NoPadding", "DESede", provider))
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    public V1EncryptionAlgorithm algorithm() {
        return algorithm;
    }

    /** Key length in bytes (the length of Ka, RFC 2409 Appendix B). */
    public int keyLength() {
        return keyLength;
    }

    public int blockSize() {
        return blockSize;
    }

    /** The plaintext chain zero-padded to a multiple of the block size (no padding if already aligned). */
    public byte[] pad(byte[] chain) {
        int rem = chain.length % blockSize;
        return rem == 0 ? chain.clone() : Arrays.copyOf(chain, chain.length + blockSize - rem);
    }

    /** Encrypts whole blocks. @throws IllegalArgumentException if not block-aligned or key/IV sizes are wrong */
    public byte[] encrypt(byte[] key, byte[] iv, byte[] plaintext) {
        if (plaintext.length % blockSize != 0) throw new IllegalArgumentException("plaintext not block-aligned");
        return run(Cipher.ENCRYPT_MODE, key, iv, plaintext);
    }

    /**
     * Decrypts; empty for ciphertext that is empty or not block-aligned (peer input: RFC 2408 5 silently drops or
     * answers PAYLOAD-MALFORMED, the exchange layer decides).
     */
    public Optional<byte[]> decrypt(byte[] key, byte[] iv, byte[] ciphertext) {
        if (ciphertext.length == 0 || ciphertext.length % blockSize != 0) return Optional.empty();
        return Optional.of(run(Cipher.DECRYPT_MODE, key, iv, ciphertext));
    }

    private byte[] run(int mode, byte[] key, byte[] iv, byte[] data) {
        if (key.length != keyLength) throw new IllegalArgumentException("key of " + key.length + " bytes");
        if (iv.length != blockSize) throw new IllegalArgumentException("IV of " + iv.length + " bytes");
        try {
            Cipher c = provider.cipher(transformation);
            c.init(mode, new SecretKeySpec(key, keyAlgorithm), new IvParameterSpec(iv));
            return c.doFinal(data);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CryptoUnavailableException(transformation, e);
        }
    }

    @Override
    public String toString() {
        return "V1Cipher[" + algorithm + ", " + keyLength * 8 + " bits]";
    }
}
