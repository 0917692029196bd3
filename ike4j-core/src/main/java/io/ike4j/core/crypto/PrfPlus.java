package io.ike4j.core.crypto;

import java.util.Arrays;

/**
 * RFC 7296 2.13: prf+ (K,S) = T1 | T2 | T3 | ... where T1 = prf (K, S | 0x01), Tn = prf (K, Tn-1 | S | n);
 * at most 255 iterations.
 */
public final class PrfPlus {

    public static final int MAX_ITERATIONS = 255;

    private PrfPlus() {}

    /** Largest output prf+ can produce with {@code prf}. */
    public static int maxLength(Prf prf) {
        return MAX_ITERATIONS * prf.outputLength();
    }

    /** The first {@code length} bytes of prf+ (key, seed). */
    public static byte[] expand(Prf prf, byte[] key, byte[] seed, int length) throws PrfPlusLengthException {
        if (length < 0) throw new IllegalArgumentException("negative length");
        int max = maxLength(prf);
        if (length > max) throw new PrfPlusLengthException(length, max);
        byte[] out = new byte[length];
        byte[] t = new byte[0];
        int off = 0;
        for (int n = 1; off < length; n++) {
            byte[] next = prf.compute(key, t, seed, new byte[] {(byte) n});
            Arrays.fill(t, (byte) 0);
            t = next;
            int take = Math.min(t.length, length - off);
            System.arraycopy(t, 0, out, off, take);
            off += take;
        }
        Arrays.fill(t, (byte) 0);
        return out;
    }
}
