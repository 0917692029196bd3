package io.ike4j.core.auth.eap;

/** MD4 message digest (RFC 1320), needed only for the NT password hash of MS-CHAPv2; the JDK does not provide it. */
public final class Md4 {
    private Md4() {}

    public static byte[] digest(byte[] message) {
        long bitLength = (long) message.length * 8;
        // RFC 1320 3.1/3.2: pad with 0x80 then zeros to 56 mod 64, then the 64-bit little-endian bit length.
        int padded = ((message.length + 8) / 64 + 1) * 64;
        byte[] m = new byte[padded];
        System.arraycopy(message, 0, m, 0, message.length);
        m[message.length] = (byte) 0x80;
        for (int i = 0; i < 8; i++) m[padded - 8 + i] = (byte) (bitLength >>> (8 * i));
        // RFC 1320 3.3
        int a = 0x67452301, b = 0xefcdab89, c = 0x98badcfe, d = 0x10325476;
        int[] x = new int[16];
        for (int off = 0; off < padded; off += 64) {
            for (int i = 0; i < 16; i++) {
                int p = off + 4 * i;
                x[i] = (m[p] & 0xff) | (m[p + 1] & 0xff) << 8 | (m[p + 2] & 0xff) << 16 | (m[p + 3] & 0xff) << 24;
            }
            int aa = a, bb = b, cc = c, dd = d;
            // RFC 1320 3.4 round 1
            for (int i = 0; i < 16; i += 4) {
                a = r1(a, b, c, d, x[i], 3);
                d = r1(d, a, b, c, x[i + 1], 7);
                c = r1(c, d, a, b, x[i + 2], 11);
                b = r1(b, c, d, a, x[i + 3], 19);
            }
            // round 2
            for (int i = 0; i < 4; i++) {
                a = r2(a, b, c, d, x[i], 3);
                d = r2(d, a, b, c, x[i + 4], 5);
                c = r2(c, d, a, b, x[i + 8], 9);
                b = r2(b, c, d, a, x[i + 12], 13);
            }
            // round 3
            int[] order = {0, 2, 1, 3};
            for (int i : order) {
                a = r3(a, b, c, d, x[i], 3);
                d = r3(d, a, b, c, x[i + 8], 9);
                c = r3(c, d, a, b, x[i + 4], 11);
                b = r3(b, c, d, a, x[i + 12], 15);
            }
            a += aa;
            b += bb;
            c += cc;
            d += dd;
        }
        byte[] out = new byte[16];
        int[] words = {a, b, c, d};
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) out[4 * i + j] = (byte) (words[i] >>> (8 * j));
        java.util.Arrays.fill(m, (byte) 0);
        java.util.Arrays.fill(x, 0);
        return out;
    }

    private static int r1(int a, int b, int c, int d, int x, int s) {
        return Integer.rotateLeft(a + ((b & c) | (~b & d)) + x, s);
    }

    private static int r2(int a, int b, int c, int d, int x, int s) {
        return Integer.rotateLeft(a + ((b & c) | (b & d) | (c & d)) + x + 0x5a827999, s);
    }

    private static int r3(int a, int b, int c, int d, int x, int s) {
        return Integer.rotateLeft(a + (b ^ c ^ d) + x + 0x6ed9eba1, s);
    }
}
