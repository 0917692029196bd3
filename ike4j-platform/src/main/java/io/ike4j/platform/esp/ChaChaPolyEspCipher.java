package io.ike4j.platform.esp;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * ChaCha20-Poly1305 for ESP (RFC 7634) built from the JCE's ChaCha20 keystream (intrinsified) and {@link Poly1305}:
 * the JCE's own "ChaCha20-Poly1305" computes Poly1305 with generic big-number code and allocates per packet, which
 * made it the user-space ESP's most expensive suite. The construction is RFC 8439 2.8: the one-time Poly1305 key is
 * the first 32 bytes of keystream block 0, the payload is encrypted from block 1 on, and the tag covers
 * AAD ‖ pad16 ‖ ciphertext ‖ pad16 ‖ len(AAD) ‖ len(ciphertext). Nonce and AAD as in {@link AeadEspCipher}.
 * Cross-checked against the JCE's ChaCha20-Poly1305 and RFC 7634 Appendix A in the tests.
 */
final class ChaChaPolyEspCipher extends EspCipher {
    private static final int IV = 8;
    private static final int TAG = 16;
    private static final byte[] ZEROS = new byte[64];

    private final Cipher sealer;
    private final Cipher opener;
    private final SecretKeySpec key;
    private final boolean esn;
    private final byte[] nonce = new byte[AeadEspCipher.SALT + IV];
    private final byte[] aad = new byte[12];
    private final byte[] block0 = new byte[64];
    private final byte[] tag = new byte[TAG];
    private final Poly1305 poly = new Poly1305();

    private ChaChaPolyEspCipher(Cipher sealer, Cipher opener, SecretKeySpec key, byte[] keyAndSalt, boolean esn) {
        this.sealer = sealer;
        this.opener = opener;
        this.key = key;
        this.esn = esn;
        System.arraycopy(keyAndSalt, 32, nonce, 0, AeadEspCipher.SALT);
    }

    static ChaChaPolyEspCipher create(byte[] keyAndSalt, boolean esn) throws EspConfigException {
        try {
            return new ChaChaPolyEspCipher(Cipher.getInstance("ChaCha20"), Cipher.getInstance("ChaCha20"),
                    new SecretKeySpec(keyAndSalt, 0, 32, "ChaCha20"), keyAndSalt, esn);
        } catch (GeneralSecurityException e) {
            throw new EspConfigException("ChaCha20 unavailable", e);
        }
    }

    @Override
    int ivLength() {
        return IV;
    }

    @Override
    int icvLength() {
        return TAG;
    }

    @Override
    int alignment() {
        return 4;
    }

    @Override
    int seal(byte[] buf, int off, int plaintextLength, long seq) {
        // RFC 7634 2: the IV is the sequence number, unique per key
        putInt(buf, off + HEADER, (int) (seq >>> 32));
        putInt(buf, off + HEADER + 4, (int) seq);
        int aadLen = prepare(buf, off, seq);
        int p = off + HEADER + IV;
        try {
            sealer.init(Cipher.ENCRYPT_MODE, key, new ChaCha20ParameterSpec(nonce, 0));
            sealer.update(ZEROS, 0, 64, block0, 0);
            sealer.doFinal(buf, p, plaintextLength, buf, p);
        } catch (GeneralSecurityException | IllegalStateException e) {
            return EspDrop.CRYPTO_ERROR.code();
        }
        mac(buf, p, plaintextLength, aadLen, buf, p + plaintextLength);
        return HEADER + IV + plaintextLength + TAG;
    }

    @Override
    int open(byte[] in, int off, int len, long seq, byte[] out, int outOff) {
        int aadLen = prepare(in, off, seq);
        int c = off + HEADER + IV;
        int ctLen = len - HEADER - IV - TAG;
        try {
            // decrypt mode: the JCE refuses to re-use a key and nonce for encryption, which a forged packet would cause
            opener.init(Cipher.DECRYPT_MODE, key, new ChaCha20ParameterSpec(nonce, 0));
            opener.update(ZEROS, 0, 64, block0, 0);
            mac(in, c, ctLen, aadLen, tag, 0);
            // RFC 4303 3.4.4: the ICV first, in constant time; nothing is decrypted unless it matches
            if (!MessageDigest.isEqual(Arrays.copyOfRange(in, c + ctLen, c + ctLen + TAG), tag)) {
                return EspDrop.AUTH_FAILED.code();
            }
            return opener.doFinal(in, c, ctLen, out, outOff);
        } catch (GeneralSecurityException | IllegalStateException e) {
            return EspDrop.CRYPTO_ERROR.code();
        }
    }

    /** Poly1305 over AAD and ciphertext (RFC 8439 2.8) with the key from keystream block 0; tag to {@code t[to...]}. */
    private void mac(byte[] ct, int off, int len, int aadLen, byte[] t, int to) {
        poly.init(block0, 0);
        poly.padded(aad, 0, aadLen);
        poly.padded(ct, off, len);
        poly.lengths(aadLen, len);
        poly.finish(t, to);
        Arrays.fill(block0, (byte) 0);
    }

    /** Fills the nonce's IV part from the packet and the AAD; returns the AAD length (RFC 7634 2.1). */
    private int prepare(byte[] pkt, int off, long seq) {
        System.arraycopy(pkt, off + HEADER, nonce, AeadEspCipher.SALT, IV);
        System.arraycopy(pkt, off, aad, 0, 4);
        if (esn) {
            putInt(aad, 4, (int) (seq >>> 32));
            System.arraycopy(pkt, off + 4, aad, 8, 4);
            return 12;
        }
        System.arraycopy(pkt, off + 4, aad, 4, 4);
        return 8;
    }

    @Override
    void wipe() {
        Arrays.fill(nonce, (byte) 0);
        Arrays.fill(block0, (byte) 0);
        poly.wipe();
        destroy(key);
    }
}
