package io.ike4j.core.crypto;

import java.math.BigInteger;

/** Small byte helpers for the crypto package. */
final class Bytes {

    private Bytes() {}

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

    static byte[] slice(byte[] src, int off, int len) {
        byte[] out = new byte[len];
        System.arraycopy(src, off, out, 0, len);
        return out;
    }

    /** Unsigned big-endian encoding of {@code v} left-padded with zeros to exactly {@code length} bytes. */
    static byte[] unsignedFixed(BigInteger v, int length) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[length];
        int start = 0;
        while (start < raw.length - 1 && raw[start] == 0) start++;
        int n = raw.length - start;
        if (n > length) throw new IllegalArgumentException("value longer than " + length + " bytes");
        System.arraycopy(raw, start, out, length - n, n);
        return out;
    }

    /** Left-pads (or strips leading zeros from) a big-endian value to exactly {@code length} bytes. */
    static byte[] fixedLength(byte[] value, int length) {
        if (value.length == length) return value;
        return unsignedFixed(new BigInteger(1, value), length);
    }

    static BigInteger unsigned(byte[] b, int off, int len) {
        return new BigInteger(1, b, off, len);
    }

    static byte[] reverse(byte[] b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) out[i] = b[b.length - 1 - i];
        return out;
    }

    static boolean allZero(byte[] b) {
        int acc = 0;
        for (byte x : b) acc |= x;
        return acc == 0;
    }

    static void wipe(byte[] b) {
        if (b != null) java.util.Arrays.fill(b, (byte) 0);
    }
}
