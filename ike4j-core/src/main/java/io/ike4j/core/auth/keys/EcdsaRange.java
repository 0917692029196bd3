package io.ike4j.core.auth.keys;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;

/**
 * FIPS 186-4 6.4.2 / SEC 1 4.1.4 step 1: an ECDSA signature (r, s) is rejected unless 1 <= r, s <= n - 1. Checked
 * before the provider sees it, so the refusal is explained (and a lax provider reducing mod n cannot accept s + n).
 */
final class EcdsaRange {
    private EcdsaRange() {}

    /** A problem with r or s of {@code sig} (r||s when {@code raw}, else DER Ecdsa-Sig-Value), or null if in range or unparsable. */
    static String problem(PublicKey key, byte[] sig, boolean raw) {
        if (!(key instanceof ECPublicKey ec)) return null;
        BigInteger[] rs = raw ? raw(sig) : der(sig);
        if (rs == null) return null; // malformed DER: the provider refuses it
        BigInteger n = ec.getParams().getOrder();
        for (int i = 0; i < 2; i++) {
            if (rs[i].signum() <= 0 || rs[i].compareTo(n) >= 0) return "ECDSA " + (i == 0 ? "r" : "s") + " not in [1, n-1]";
        }
        return null;
    }

    private static BigInteger[] raw(byte[] sig) {
        int h = sig.length / 2;
        return new BigInteger[] {new BigInteger(1, Arrays.copyOf(sig, h)), new BigInteger(1, Arrays.copyOfRange(sig, h, sig.length))};
    }

    /** SEQUENCE { INTEGER r, INTEGER s } with short or one-byte long lengths; null if it is not exactly that. */
    private static BigInteger[] der(byte[] sig) {
        if (sig.length < 2 || sig[0] != 0x30) return null;
        int[] pos = {1};
        int len = length(sig, pos);
        if (len < 0 || pos[0] + len != sig.length) return null;
        BigInteger[] rs = new BigInteger[2];
        for (int i = 0; i < 2; i++) {
            if (pos[0] >= sig.length || sig[pos[0]] != 0x02) return null;
            pos[0]++;
            int l = length(sig, pos);
            if (l <= 0 || pos[0] + l > sig.length) return null;
            rs[i] = new BigInteger(Arrays.copyOfRange(sig, pos[0], pos[0] + l));
            pos[0] += l;
        }
        return pos[0] == sig.length ? rs : null;
    }

    private static int length(byte[] b, int[] pos) {
        if (pos[0] >= b.length) return -1;
        int first = b[pos[0]++] & 0xff;
        if (first < 0x80) return first;
        if (first != 0x81 || pos[0] >= b.length) return -1;
        return b[pos[0]++] & 0xff;
    }
}
