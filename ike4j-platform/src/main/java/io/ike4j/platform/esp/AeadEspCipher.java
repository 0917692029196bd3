package io.ike4j.platform.esp;

import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM (RFC 4106) and ChaCha20-Poly1305 (RFC 7634) for ESP: the key material is key || 4-byte salt, the nonce
 * salt || 8-byte explicit IV, and the AAD is SPI || Seq, or SPI || Seq high || Seq low with ESN (RFC 4106 5,
 * RFC 7634 2.1). The explicit IV is the 64-bit sequence number (RFC 4106 3.1 permits a counter), so it never
 * repeats under one key: the sequence number does not cycle.
 */
final class AeadEspCipher extends EspCipher {
    static final int SALT = 4;
    private static final int IV = 8;

    private final Cipher cipher;
    private final SecretKeySpec key;
    private final boolean gcm;
    private final int icv;
    private final boolean esn;
    private final byte[] nonce = new byte[SALT + IV];
    private final byte[] aad = new byte[12];

    private AeadEspCipher(Cipher cipher, SecretKeySpec key, byte[] salt, boolean gcm, int icv, boolean esn) {
        this.cipher = cipher;
        this.key = key;
        this.gcm = gcm;
        this.icv = icv;
        this.esn = esn;
        System.arraycopy(salt, 0, nonce, 0, SALT);
    }

    static AeadEspCipher gcm(byte[] keyAndSalt, int icvLength, boolean esn) throws EspConfigException {
        return create("AES/GCM/NoPadding", "AES", keyAndSalt, true, icvLength, esn);
    }

    static AeadEspCipher chacha20Poly1305(byte[] keyAndSalt, boolean esn) throws EspConfigException {
        return create("ChaCha20-Poly1305", "ChaCha20", keyAndSalt, false, 16, esn);
    }

    private static AeadEspCipher create(String transformation, String keyAlgorithm, byte[] keyAndSalt, boolean gcm,
                                        int icv, boolean esn) throws EspConfigException {
        int keyLen = keyAndSalt.length - SALT;
        try {
            Cipher c = Cipher.getInstance(transformation);
            SecretKeySpec k = new SecretKeySpec(keyAndSalt, 0, keyLen, keyAlgorithm);
            return new AeadEspCipher(c, k, Arrays.copyOfRange(keyAndSalt, keyLen, keyAndSalt.length), gcm, icv, esn);
        } catch (GeneralSecurityException e) {
            throw new EspConfigException(transformation + " unavailable", e);
        }
    }

    @Override
    int ivLength() {
        return IV;
    }

    @Override
    int icvLength() {
        return icv;
    }

    @Override
    int alignment() {
        return 4; // RFC 4303 2.4: the ICV starts on a 4-byte boundary
    }

    @Override
    int seal(byte[] buf, int off, int plaintextLength, long seq) {
        // RFC 4106 3.1: the IV is the sequence number, unique per key
        putInt(buf, off + HEADER, (int) (seq >>> 32));
        putInt(buf, off + HEADER + 4, (int) seq);
        int aadLen = prepare(buf, off, seq);
        int ptOff = off + HEADER + IV;
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, params());
            cipher.updateAAD(aad, 0, aadLen);
            int n = cipher.doFinal(buf, ptOff, plaintextLength, buf, ptOff);
            return HEADER + IV + n;
        } catch (GeneralSecurityException | IllegalStateException e) {
            return EspDrop.CRYPTO_ERROR.code();
        }
    }

    @Override
    int open(byte[] in, int off, int len, long seq, byte[] out, int outOff) {
        int aadLen = prepare(in, off, seq);
        int ctOff = off + HEADER + IV;
        int ctAndTag = len - HEADER - IV;
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, params());
            cipher.updateAAD(aad, 0, aadLen);
            // the provider verifies the tag in constant time and releases no plaintext unless it matches
            return cipher.doFinal(in, ctOff, ctAndTag, out, outOff);
        } catch (AEADBadTagException e) {
            return EspDrop.AUTH_FAILED.code();
        } catch (ShortBufferException e) {
            return EspDrop.TOO_LONG.code();
        } catch (GeneralSecurityException | IllegalStateException e) {
            return EspDrop.CRYPTO_ERROR.code();
        }
    }

    /** Fills the nonce's IV part from the packet and the AAD; returns the AAD length. */
    private int prepare(byte[] pkt, int off, long seq) {
        System.arraycopy(pkt, off + HEADER, nonce, SALT, IV);
        System.arraycopy(pkt, off, aad, 0, 4); // SPI
        if (esn) {
            // RFC 4106 5 / RFC 7634 2.1: SPI | Seq high | Seq low
            putInt(aad, 4, (int) (seq >>> 32));
            System.arraycopy(pkt, off + 4, aad, 8, 4);
            return 12;
        }
        System.arraycopy(pkt, off + 4, aad, 4, 4);
        return 8;
    }

    private AlgorithmParameterSpec params() {
        return gcm ? new GCMParameterSpec(icv * 8, nonce) : new IvParameterSpec(nonce);
    }

    @Override
    void wipe() {
        Arrays.fill(nonce, (byte) 0);
        destroy(key);
    }
}
