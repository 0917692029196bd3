package io.ike4j.platform.esp;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM with an 8-byte ICV (RFC 4106 ENCR_AES_GCM_8). The JCE's GCM refuses tags shorter than 96 bits, so this
 * composes GCM from its parts (NIST SP 800-38D 7): AES-CTR from counter block J0+1 for the ciphertext, and the tag
 * MSB_64(GHASH_H(A, C) xor E_K(J0)) with a branch-free GHASH. Slower than the JCE path; only this rarely used
 * variant takes it. Nonce and AAD are built exactly as in {@link AeadEspCipher}.
 */
final class ShortTagGcmEspCipher extends EspCipher {
    private static final int SALT = AeadEspCipher.SALT;
    private static final int IV = 8;
    private static final long R = 0xE100000000000000L;

    private final Cipher ctr;
    private final Cipher ecb;
    private final SecretKeySpec key;
    private final int icv;
    private final boolean esn;
    private final long hHigh;
    private final long hLow;
    private final byte[] counter = new byte[16];
    private final byte[] block = new byte[16];
    private final byte[] aad = new byte[12];
    private final byte[] tag = new byte[16];
    private final byte[] received;
    private final byte[] computed;
    private long yHigh;
    private long yLow;

    ShortTagGcmEspCipher(byte[] keyAndSalt, int icv, boolean esn) throws EspConfigException {
        int keyLen = keyAndSalt.length - SALT;
        try {
            this.key = new SecretKeySpec(keyAndSalt, 0, keyLen, "AES");
            this.ctr = Cipher.getInstance("AES/CTR/NoPadding");
            this.ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, key);
            byte[] h = ecb.doFinal(new byte[16]); // H = E_K(0^128)
            this.hHigh = getLong(h, 0);
            this.hLow = getLong(h, 8);
            Arrays.fill(h, (byte) 0);
        } catch (GeneralSecurityException e) {
            throw new EspConfigException("AES-CTR/ECB unavailable", e);
        }
        System.arraycopy(keyAndSalt, keyLen, counter, 0, SALT);
        this.icv = icv;
        this.esn = esn;
        this.received = new byte[icv];
        this.computed = new byte[icv];
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
        return 4;
    }

    @Override
    int seal(byte[] buf, int off, int plaintextLength, long seq) {
        putInt(buf, off + HEADER, (int) (seq >>> 32));
        putInt(buf, off + HEADER + 4, (int) seq);
        int aadLen = prepare(buf, off, seq);
        int ptOff = off + HEADER + IV;
        try {
            crypt(buf, ptOff, plaintextLength, buf, ptOff);
            computeTag(buf, ptOff, plaintextLength, aadLen);
        } catch (GeneralSecurityException e) {
            return EspDrop.CRYPTO_ERROR.code();
        }
        System.arraycopy(tag, 0, buf, ptOff + plaintextLength, icv);
        return HEADER + IV + plaintextLength + icv;
    }

    @Override
    int open(byte[] in, int off, int len, long seq, byte[] out, int outOff) {
        int aadLen = prepare(in, off, seq);
        int ctOff = off + HEADER + IV;
        int ctLen = len - HEADER - IV - icv;
        try {
            computeTag(in, ctOff, ctLen, aadLen);
            System.arraycopy(tag, 0, computed, 0, icv);
            System.arraycopy(in, ctOff + ctLen, received, 0, icv);
            if (!MessageDigest.isEqual(computed, received)) return EspDrop.AUTH_FAILED.code();
            crypt(in, ctOff, ctLen, out, outOff);
            return ctLen;
        } catch (GeneralSecurityException e) {
            return EspDrop.CRYPTO_ERROR.code();
        }
    }

    private int prepare(byte[] pkt, int off, long seq) {
        System.arraycopy(pkt, off + HEADER, counter, SALT, IV);
        System.arraycopy(pkt, off, aad, 0, 4);
        if (esn) {
            putInt(aad, 4, (int) (seq >>> 32));
            System.arraycopy(pkt, off + 4, aad, 8, 4);
            return 12;
        }
        System.arraycopy(pkt, off + 4, aad, 4, 4);
        return 8;
    }

    /** AES-CTR starting at inc32(J0), J0 = nonce || 0x00000001 (SP 800-38D 7.1). */
    private void crypt(byte[] in, int inOff, int len, byte[] out, int outOff) throws GeneralSecurityException {
        putInt(counter, 12, 2);
        ctr.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(counter));
        ctr.doFinal(in, inOff, len, out, outOff);
    }

    /** tag = GHASH_H(AAD, C) xor E_K(J0). */
    private void computeTag(byte[] c, int cOff, int cLen, int aadLen) throws GeneralSecurityException {
        yHigh = 0;
        yLow = 0;
        ghash(aad, 0, aadLen);
        ghash(c, cOff, cLen);
        mix((long) aadLen * 8, (long) cLen * 8);
        putInt(counter, 12, 1);
        ecb.doFinal(counter, 0, 16, block, 0);
        putLong(tag, 0, yHigh ^ getLong(block, 0));
        putLong(tag, 8, yLow ^ getLong(block, 8));
    }

    private void ghash(byte[] b, int off, int len) {
        int end = off + len;
        for (int p = off; p < end; p += 16) {
            int n = Math.min(16, end - p);
            if (n == 16) {
                mix(getLong(b, p), getLong(b, p + 8));
            } else {
                Arrays.fill(block, (byte) 0);
                System.arraycopy(b, p, block, 0, n);
                mix(getLong(block, 0), getLong(block, 8));
            }
        }
    }

    /** Y = (Y xor X) * H in GF(2^128), SP 800-38D Algorithm 1, without data-dependent branches. */
    private void mix(long xHigh, long xLow) {
        long x0 = yHigh ^ xHigh;
        long x1 = yLow ^ xLow;
        long zh = 0;
        long zl = 0;
        long vh = hHigh;
        long vl = hLow;
        for (int i = 0; i < 128; i++) {
            long bit = i < 64 ? (x0 >>> (63 - i)) & 1 : (x1 >>> (127 - i)) & 1;
            long m = -bit;
            zh ^= vh & m;
            zl ^= vl & m;
            long r = -(vl & 1);
            vl = (vl >>> 1) | (vh << 63);
            vh = (vh >>> 1) ^ (R & r);
        }
        yHigh = zh;
        yLow = zl;
    }

    private static long getLong(byte[] b, int off) {
        return (long) getInt(b, off) << 32 | (getInt(b, off + 4) & 0xffffffffL);
    }

    private static void putLong(byte[] b, int off, long v) {
        putInt(b, off, (int) (v >>> 32));
        putInt(b, off + 4, (int) v);
    }

    @Override
    void wipe() {
        Arrays.fill(counter, (byte) 0);
        Arrays.fill(tag, (byte) 0);
        Arrays.fill(block, (byte) 0);
        destroy(key);
    }
}
