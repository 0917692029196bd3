package io.ike4j.platform.esp;

import io.ike4j.core.crypto.RandomSource;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-CBC (RFC 3602) with HMAC-SHA1-96 (RFC 2404) or HMAC-SHA2 (RFC 4868), encrypt-then-MAC: the ICV covers SPI
 * through the end of the ciphertext, followed, with ESN, by the high 32 bits of the sequence number, which are
 * not transmitted (RFC 4303 3.3.2.2). IVs are random (RFC 3602 2.4: unpredictable).
 */
final class CbcHmacEspCipher extends EspCipher {
    private static final int BLOCK = 16;

    private final Cipher cipher;
    private final SecretKeySpec key;
    private final Mac mac;
    private final SecretKeySpec macKey;
    private final int icv;
    private final boolean esn;
    private final RandomSource random;
    private final byte[] iv = new byte[BLOCK];
    private final byte[] seqHigh = new byte[4];
    private final byte[] macOut;
    private final byte[] received;
    private final byte[] computed;

    CbcHmacEspCipher(byte[] encKey, byte[] intKey, String macName, int icv, boolean esn, RandomSource random)
            throws EspConfigException {
        try {
            this.cipher = Cipher.getInstance("AES/CBC/NoPadding");
            this.key = new SecretKeySpec(encKey, "AES");
            this.mac = Mac.getInstance(macName);
            this.macKey = new SecretKeySpec(intKey, macName);
            mac.init(macKey);
        } catch (GeneralSecurityException e) {
            throw new EspConfigException("AES-CBC/" + macName + " unavailable", e);
        }
        this.icv = icv;
        this.esn = esn;
        this.random = random;
        this.macOut = new byte[mac.getMacLength()];
        this.received = new byte[icv];
        this.computed = new byte[icv];
    }

    /** The JCE MAC name for an ESP integrity algorithm, or null if unsupported here. */
    static String macName(IntegrityAlgorithm integ) {
        return switch (integ) {
            case HMAC_SHA1_96 -> "HmacSHA1";
            case HMAC_SHA2_256_128 -> "HmacSHA256";
            case HMAC_SHA2_384_192 -> "HmacSHA384";
            case HMAC_SHA2_512_256 -> "HmacSHA512";
            case null, default -> null;
        };
    }

    @Override
    int ivLength() {
        return BLOCK;
    }

    @Override
    int icvLength() {
        return icv;
    }

    @Override
    int alignment() {
        return BLOCK;
    }

    @Override
    int seal(byte[] buf, int off, int plaintextLength, long seq) {
        random.nextBytes(iv);
        System.arraycopy(iv, 0, buf, off + HEADER, BLOCK);
        int ptOff = off + HEADER + BLOCK;
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
            int n = cipher.doFinal(buf, ptOff, plaintextLength, buf, ptOff);
            int authLen = HEADER + BLOCK + n;
            computeIcv(buf, off, authLen, seq);
            System.arraycopy(macOut, 0, buf, off + authLen, icv);
            return authLen + icv;
        } catch (GeneralSecurityException | IllegalStateException e) {
            return EspDrop.CRYPTO_ERROR.code();
        }
    }

    @Override
    int open(byte[] in, int off, int len, long seq, byte[] out, int outOff) {
        int authLen = len - icv;
        try {
            computeIcv(in, off, authLen, seq);
        } catch (ShortBufferException | IllegalStateException e) {
            return EspDrop.CRYPTO_ERROR.code();
        }
        System.arraycopy(macOut, 0, computed, 0, icv);
        System.arraycopy(in, off + authLen, received, 0, icv);
        if (!MessageDigest.isEqual(computed, received)) return EspDrop.AUTH_FAILED.code();
        int ctOff = off + HEADER + BLOCK;
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(in, off + HEADER, BLOCK));
            return cipher.doFinal(in, ctOff, authLen - HEADER - BLOCK, out, outOff);
        } catch (ShortBufferException e) {
            return EspDrop.TOO_LONG.code();
        } catch (GeneralSecurityException | IllegalStateException e) {
            return EspDrop.CRYPTO_ERROR.code();
        }
    }

    private void computeIcv(byte[] buf, int off, int authLen, long seq) throws ShortBufferException {
        mac.update(buf, off, authLen);
        if (esn) {
            // RFC 4303 3.3.2.2: the high-order bits take part in the ICV but are not sent
            putInt(seqHigh, 0, (int) (seq >>> 32));
            mac.update(seqHigh, 0, 4);
        }
        mac.doFinal(macOut, 0);
    }

    @Override
    void wipe() {
        Arrays.fill(macOut, (byte) 0);
        Arrays.fill(computed, (byte) 0);
        destroy(key);
        destroy(macKey);
        mac.reset();
    }
}
