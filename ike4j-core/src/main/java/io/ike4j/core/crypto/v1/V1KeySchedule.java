package io.ike4j.core.crypto.v1;

import java.util.Arrays;
import java.util.Optional;

/**
 * The RFC 2409 key schedule: SKEYID per authentication method (5), SKEYID_d/a/e (5), the cipher key expansion
 * (Appendix B), HASH_I/HASH_R (5), Quick Mode HASH(1..3) and KEYMAT (5.5), Informational HASH(1) (5.7).
 * Nonces ({@code ni}, {@code nr}) are the Nonce payload bodies (Ni_b, Nr_b); g^x values are the KE payload data;
 * cookies are the header's 8-byte values. Pure functions; inputs are not modified.
 */
public final class V1KeySchedule {
    private V1KeySchedule() {}

    /** RFC 2409 5: for pre-shared keys, SKEYID = prf(pre-shared-key, Ni_b | Nr_b). */
    public static byte[] skeyidPreSharedKey(V1Prf prf, byte[] psk, byte[] ni, byte[] nr) {
        return prf.prf(psk, ni, nr);
    }

    /** RFC 2409 5: for signatures, SKEYID = prf(Ni_b | Nr_b, g^xy). */
    public static byte[] skeyidSignature(V1Prf prf, byte[] ni, byte[] nr, byte[] gxy) {
        byte[] key = concat(ni, nr);
        try {
            return prf.prf(key, gxy);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * RFC 2409 5: SKEYID_d = prf(SKEYID, g^xy | CKY-I | CKY-R | 0), SKEYID_a = prf(SKEYID, SKEYID_d | g^xy | CKY-I |
     * CKY-R | 1), SKEYID_e = prf(SKEYID, SKEYID_a | g^xy | CKY-I | CKY-R | 2); then Ka from SKEYID_e (Appendix B).
     */
    public static Phase1Keys phase1(V1Prf prf, byte[] skeyid, byte[] gxy, long cookieI, long cookieR,
                                    int encryptionKeyLength) {
        byte[] ci = u64(cookieI);
        byte[] cr = u64(cookieR);
        byte[] d = prf.prf(skeyid, gxy, ci, cr, new byte[] {0});
        byte[] a = prf.prf(skeyid, d, gxy, ci, cr, new byte[] {1});
        byte[] e = prf.prf(skeyid, a, gxy, ci, cr, new byte[] {2});
        return new Phase1Keys(skeyid.clone(), d, a, e, encryptionKey(prf, e, encryptionKeyLength));
    }

    /**
     * RFC 2409 Appendix B: if SKEYID_e is long enough, Ka is its first bytes; otherwise Ka = K1 | K2 | ... with
     * K1 = prf(SKEYID_e, 0) (a single zero octet), Kn = prf(SKEYID_e, K(n-1)), truncated.
     */
    public static byte[] encryptionKey(V1Prf prf, byte[] skeyidE, int length) {
        if (length < 0) throw new IllegalArgumentException("negative key length");
        if (skeyidE.length >= length) return Arrays.copyOf(skeyidE, length);
        byte[] out = new byte[length];
        byte[] k = new byte[] {0};
        int off = 0;
        while (off < length) {
            byte[] prev = k;
            k = prf.prf(skeyidE, prev);
            Arrays.fill(prev, (byte) 0);
            int n = Math.min(k.length, length - off);
            System.arraycopy(k, 0, out, off, n);
            off += n;
        }
        Arrays.fill(k, (byte) 0);
        return out;
    }

    /** RFC 2409 5: HASH_I = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b). */
    public static byte[] hashI(V1Prf prf, byte[] skeyid, byte[] gxi, byte[] gxr, long cookieI, long cookieR,
                               byte[] saiBody, byte[] idiiBody) {
        return prf.prf(skeyid, gxi, gxr, u64(cookieI), u64(cookieR), saiBody, idiiBody);
    }

    /** RFC 2409 5: HASH_R = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b). */
    public static byte[] hashR(V1Prf prf, byte[] skeyid, byte[] gxi, byte[] gxr, long cookieI, long cookieR,
                               byte[] saiBody, byte[] idirBody) {
        return prf.prf(skeyid, gxr, gxi, u64(cookieR), u64(cookieI), saiBody, idirBody);
    }

    /**
     * RFC 2409 5.5: HASH(1) = prf(SKEYID_a, M-ID | SA | Ni [ | KE ] [ | IDci | IDcr ]); {@code afterHash} is the
     * encoded payload chain following the HASH payload (generic headers included, padding excluded).
     */
    public static byte[] quickModeHash1(V1Prf prf, byte[] skeyidA, long messageId, byte[] afterHash) {
        return prf.prf(skeyidA, u32(messageId), afterHash);
    }

    /** RFC 2409 5.5: HASH(2) = prf(SKEYID_a, M-ID | Ni_b | SA | Nr [ | KE ] [ | IDci | IDcr ]). */
    public static byte[] quickModeHash2(V1Prf prf, byte[] skeyidA, long messageId, byte[] ni, byte[] afterHash) {
        return prf.prf(skeyidA, u32(messageId), ni, afterHash);
    }

    /** RFC 2409 5.5: HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b). */
    public static byte[] quickModeHash3(V1Prf prf, byte[] skeyidA, long messageId, byte[] ni, byte[] nr) {
        return prf.prf(skeyidA, new byte[] {0}, u32(messageId), ni, nr);
    }

    /** RFC 2409 5.7: HASH(1) = prf(SKEYID_a, M-ID | N/D) for Informational exchanges. */
    public static byte[] informationalHash(V1Prf prf, byte[] skeyidA, long messageId, byte[] afterHash) {
        return prf.prf(skeyidA, u32(messageId), afterHash);
    }

    /**
     * RFC 2409 5.5: KEYMAT = prf(SKEYID_d, [ g(qm)^xy | ] protocol | SPI | Ni_b | Nr_b), expanded to {@code length}
     * bytes as K1 | K2 | ... with Kn = prf(SKEYID_d, K(n-1) | [ g(qm)^xy | ] protocol | SPI | Ni_b | Nr_b). The SPI is
     * the one of the SA being keyed (the receiver's, i.e. the one it put in its proposal); the initiator's and
     * responder's SAs therefore get different KEYMAT.
     */
    public static byte[] keymat(V1Prf prf, byte[] skeyidD, Optional<byte[]> qmSharedSecret, int protocol, byte[] spi,
                                byte[] ni, byte[] nr, int length) {
        if (protocol < 0 || protocol > 0xff || length < 0) throw new IllegalArgumentException("protocol/length");
        byte[] seed = keymatSeed(qmSharedSecret, protocol, spi, ni, nr);
        byte[] out = new byte[length];
        byte[] k = new byte[0];
        int off = 0;
        try {
            while (off < length) {
                byte[] prev = k;
                k = prf.prf(skeyidD, prev, seed);
                Arrays.fill(prev, (byte) 0);
                int n = Math.min(k.length, length - off);
                System.arraycopy(k, 0, out, off, n);
                off += n;
            }
            return out;
        } finally {
            Arrays.fill(k, (byte) 0);
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** [ g(qm)^xy | ] protocol | SPI | Ni_b | Nr_b (the part of the KEYMAT input after K(n-1)). */
    public static byte[] keymatSeed(Optional<byte[]> qmSharedSecret, int protocol, byte[] spi, byte[] ni, byte[] nr) {
        return concat(qmSharedSecret.orElse(new byte[0]), new byte[] {(byte) protocol}, spi, ni, nr);
    }

    static byte[] u64(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) b[i] = (byte) (v >>> (56 - 8 * i));
        return b;
    }

    static byte[] u32(long v) {
        if (v < 0 || v > 0xffffffffL) throw new IllegalArgumentException("message id not u32");
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int off = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, off, p.length);
            off += p.length;
        }
        return out;
    }
}
