package io.ike4j.core.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Raw AEAD (AES-GCM, ChaCha20-Poly1305) over a 12-byte nonce: {@code seal} returns ciphertext || tag.
 * AES-GCM tags shorter than 12 bytes (the 8-byte ICV of RFC 5282's AES-GCM-8) are computed as the
 * left-most bytes of the full 16-byte tag (NIST SP 800-38D 7.1), because SunJCE refuses tag lengths below 96
 * bits; opening such a message decrypts with AES-CTR from counter 2 and recomputes the tag before comparing.
 */
final class AeadCipher {

    enum Kind { AES_GCM, CHACHA20_POLY1305 }

    static final int NONCE_LENGTH = 12;
    private static final int FULL_TAG = 16;

    private final Kind kind;
    private final int tagLength;
    private final byte[] key;
    private final CryptoProvider provider;

    AeadCipher(Kind kind, int tagLength, byte[] key, CryptoProvider provider) {
        this.kind = kind;
        this.tagLength = tagLength;
        this.key = key.clone();
        this.provider = provider;
    }

    int tagLength() {
        return tagLength;
    }

    byte[] seal(byte[] nonce, byte[] aad, int aadOff, int aadLen, byte[] pt) throws GeneralSecurityException {
        Cipher c = init(Cipher.ENCRYPT_MODE, nonce, nativeTag() ? tagLength : FULL_TAG);
        c.updateAAD(aad, aadOff, aadLen);
        byte[] full = c.doFinal(pt);
        if (nativeTag()) return full;
        return Arrays.copyOf(full, pt.length + tagLength);
    }

    /** Plaintext of {@code in[off, off+len)} (ciphertext || tag), or empty if the tag does not verify. */
    Optional<byte[]> open(byte[] nonce, byte[] aad, int aadOff, int aadLen, byte[] in, int off, int len) {
        if (len < tagLength) return Optional.empty();
        try {
            if (nativeTag()) {
                Cipher c = init(Cipher.DECRYPT_MODE, nonce, tagLength);
                c.updateAAD(aad, aadOff, aadLen);
                return Optional.of(c.doFinal(in, off, len));
            }
            return openTruncatedGcm(nonce, aad, aadOff, aadLen, in, off, len);
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<byte[]> openTruncatedGcm(byte[] nonce, byte[] aad, int aadOff, int aadLen, byte[] in, int off,
            int len) throws GeneralSecurityException {
        int ctLen = len - tagLength;
        // SP 800-38D: J0 = nonce || 0^31 || 1; encryption starts at inc32(J0).
        byte[] counter = Arrays.copyOf(nonce, 16);
        counter[15] = 2;
        Cipher ctr = provider.cipher("AES/CTR/NoPadding");
        ctr.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(counter));
        byte[] pt = ctr.doFinal(in, off, ctLen);
        Cipher gcm = init(Cipher.ENCRYPT_MODE, nonce, FULL_TAG);
        gcm.updateAAD(aad, aadOff, aadLen);
        byte[] again = gcm.doFinal(pt);
        byte[] expected = Arrays.copyOfRange(again, ctLen, ctLen + tagLength);
        byte[] actual = Arrays.copyOfRange(in, off + ctLen, off + len);
        Arrays.fill(again, (byte) 0);
        if (!MessageDigest.isEqual(expected, actual)) {
            Arrays.fill(pt, (byte) 0);
            return Optional.empty();
        }
        return Optional.of(pt);
    }

    private boolean nativeTag() {
        return kind == Kind.CHACHA20_POLY1305 || tagLength >= 12;
    }

    private Cipher init(int mode, byte[] nonce, int tagLen) throws GeneralSecurityException {
        if (kind == Kind.AES_GCM) {
            Cipher c = provider.cipher("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(tagLen * 8, nonce));
            return c;
        }
        Cipher c = provider.cipher("ChaCha20-Poly1305");
        c.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
        return c;
    }

    void wipe() {
        Arrays.fill(key, (byte) 0);
    }
}
