package io.ike4j.platform.esp;

import java.util.Arrays;

/**
 * Poly1305 (RFC 8439 2.5) for the ESP ChaCha20-Poly1305 construction, with reusable state: five 26-bit limbs in
 * longs (products stay below 2^58), no allocation per message. Only what the AEAD needs: 16-byte blocks, a message
 * part padded with zeros to 16 bytes (RFC 8439 2.8), and the tag. Not thread-safe; one per SA direction.
 */
final class Poly1305 {
    private static final long M26 = 0x3ffffff;
    private long r0, r1, r2, r3, r4;
    private long s1, s2, s3, s4;
    private long h0, h1, h2, h3, h4;
    private long k0, k1, k2, k3; // the "s" half of the one-time key
    private final byte[] last = new byte[16];

    /** Starts a MAC with the 32-byte one-time key at {@code key[off...]} (r is clamped, RFC 8439 2.5.1). */
    void init(byte[] key, int off) {
        r0 = le32(key, off) & 0x3ffffff;
        r1 = (le32(key, off + 3) >>> 2) & 0x3ffff03;
        r2 = (le32(key, off + 6) >>> 4) & 0x3ffc0ff;
        r3 = (le32(key, off + 9) >>> 6) & 0x3f03fff;
        r4 = (le32(key, off + 12) >>> 8) & 0x00fffff;
        s1 = r1 * 5;
        s2 = r2 * 5;
        s3 = r3 * 5;
        s4 = r4 * 5;
        h0 = h1 = h2 = h3 = h4 = 0;
        k0 = le32(key, off + 16);
        k1 = le32(key, off + 20);
        k2 = le32(key, off + 24);
        k3 = le32(key, off + 28);
    }

    /** MACs {@code m[off, off+len)} followed by zeros up to a multiple of 16 bytes. */
    void padded(byte[] m, int off, int len) {
        int full = len & ~15;
        for (int i = 0; i < full; i += 16) block(m, off + i);
        int rest = len - full;
        if (rest > 0) {
            System.arraycopy(m, off + full, last, 0, rest);
            Arrays.fill(last, rest, 16, (byte) 0);
            block(last, 0);
        }
    }

    /** MACs the final block: the AAD length and the ciphertext length, 64-bit little-endian each. */
    void lengths(long aadLength, long ciphertextLength) {
        for (int i = 0; i < 8; i++) {
            last[i] = (byte) (aadLength >>> (8 * i));
            last[8 + i] = (byte) (ciphertextLength >>> (8 * i));
        }
        block(last, 0);
    }

    private void block(byte[] m, int o) {
        long t0 = h0 + (le32(m, o) & M26);
        long t1 = h1 + ((le32(m, o + 3) >>> 2) & M26);
        long t2 = h2 + ((le32(m, o + 6) >>> 4) & M26);
        long t3 = h3 + ((le32(m, o + 9) >>> 6) & M26);
        long t4 = h4 + ((le32(m, o + 12) >>> 8) | (1L << 24)); // the 2^128 bit of a full block
        long d0 = t0 * r0 + t1 * s4 + t2 * s3 + t3 * s2 + t4 * s1;
        long d1 = t0 * r1 + t1 * r0 + t2 * s4 + t3 * s3 + t4 * s2;
        long d2 = t0 * r2 + t1 * r1 + t2 * r0 + t3 * s4 + t4 * s3;
        long d3 = t0 * r3 + t1 * r2 + t2 * r1 + t3 * r0 + t4 * s4;
        long d4 = t0 * r4 + t1 * r3 + t2 * r2 + t3 * r1 + t4 * r0;
        long c = d0 >>> 26;
        h0 = d0 & M26;
        d1 += c;
        c = d1 >>> 26;
        h1 = d1 & M26;
        d2 += c;
        c = d2 >>> 26;
        h2 = d2 & M26;
        d3 += c;
        c = d3 >>> 26;
        h3 = d3 & M26;
        d4 += c;
        c = d4 >>> 26;
        h4 = d4 & M26;
        h0 += c * 5;
        c = h0 >>> 26;
        h0 &= M26;
        h1 += c;
    }

    /** Writes the 16-byte tag at {@code out[off...]}. */
    void finish(byte[] out, int off) {
        long c = h1 >>> 26;
        h1 &= M26;
        h2 += c;
        c = h2 >>> 26;
        h2 &= M26;
        h3 += c;
        c = h3 >>> 26;
        h3 &= M26;
        h4 += c;
        c = h4 >>> 26;
        h4 &= M26;
        h0 += c * 5;
        c = h0 >>> 26;
        h0 &= M26;
        h1 += c;
        // h - p: select it when h >= p, in constant time
        long g0 = h0 + 5;
        c = g0 >>> 26;
        g0 &= M26;
        long g1 = h1 + c;
        c = g1 >>> 26;
        g1 &= M26;
        long g2 = h2 + c;
        c = g2 >>> 26;
        g2 &= M26;
        long g3 = h3 + c;
        c = g3 >>> 26;
        g3 &= M26;
        long g4 = h4 + c - (1L << 26);
        long useG = ~(g4 >> 63); // all ones when g4 >= 0 (h >= p)
        h0 = (h0 & ~useG) | (g0 & useG);
        h1 = (h1 & ~useG) | (g1 & useG);
        h2 = (h2 & ~useG) | (g2 & useG);
        h3 = (h3 & ~useG) | (g3 & useG);
        h4 = (h4 & ~useG) | (g4 & useG & M26);
        long w0 = (h0 | (h1 << 26)) & 0xffffffffL;
        long w1 = ((h1 >>> 6) | (h2 << 20)) & 0xffffffffL;
        long w2 = ((h2 >>> 12) | (h3 << 14)) & 0xffffffffL;
        long w3 = ((h3 >>> 18) | (h4 << 8)) & 0xffffffffL;
        long f = w0 + k0;
        put32(out, off, f);
        f = w1 + k1 + (f >>> 32);
        put32(out, off + 4, f);
        f = w2 + k2 + (f >>> 32);
        put32(out, off + 8, f);
        f = w3 + k3 + (f >>> 32);
        put32(out, off + 12, f);
    }

    /** Forgets the key and state. */
    void wipe() {
        r0 = r1 = r2 = r3 = r4 = s1 = s2 = s3 = s4 = 0;
        h0 = h1 = h2 = h3 = h4 = 0;
        k0 = k1 = k2 = k3 = 0;
        Arrays.fill(last, (byte) 0);
    }

    private static long le32(byte[] b, int o) {
        return (b[o] & 0xffL) | (b[o + 1] & 0xffL) << 8 | (b[o + 2] & 0xffL) << 16 | (b[o + 3] & 0xffL) << 24;
    }

    private static void put32(byte[] b, int o, long v) {
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >>> 8);
        b[o + 2] = (byte) (v >>> 16);
        b[o + 3] = (byte) (v >>> 24);
    }
}
