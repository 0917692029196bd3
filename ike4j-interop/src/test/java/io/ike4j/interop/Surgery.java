package io.ike4j.interop;

import java.util.Arrays;

/** Raw byte surgery on encoded IKE messages and payload chains (RFC 7296 3.1 header, 3.2 generic payload header). */
final class Surgery {
    private Surgery() {}

    /** Offset of the first payload of type {@code type} in a chain starting at {@code from} with first type {@code first}; -1 if none. */
    static int find(byte[] b, int from, int first, int type) {
        int at = from;
        int next = first;
        while (next != 0 && at + 4 <= b.length) {
            if (next == type) return at;
            int len = u16(b, at + 2);
            if (len < 4) return -1;
            next = b[at] & 0xff;
            at += len;
        }
        return -1;
    }

    /** Offset of payload {@code type} in a whole message (chain after the 28-byte header). */
    static int findInMessage(byte[] message, int type) {
        return find(message, 28, message[16] & 0xff, type);
    }

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    static byte[] putU16(byte[] b, int at, int v) {
        b[at] = (byte) (v >> 8);
        b[at + 1] = (byte) v;
        return b;
    }

    /** Sets the header's Length field (RFC 7296 3.1, octets 24..27). */
    static byte[] headerLength(byte[] m, long length) {
        byte[] c = m.clone();
        for (int i = 0; i < 4; i++) c[24 + i] = (byte) (length >> (24 - 8 * i));
        return c;
    }

    /** The first {@code n} bytes. */
    static byte[] truncate(byte[] m, int n) {
        return Arrays.copyOf(m, Math.min(n, m.length));
    }

    /** {@code m} followed by {@code n} bytes of {@code fill}. */
    static byte[] append(byte[] m, int n, int fill) {
        byte[] c = Arrays.copyOf(m, m.length + n);
        Arrays.fill(c, m.length, c.length, (byte) fill);
        return c;
    }

    /** Sets payload {@code type}'s Payload Length field in a whole message to {@code length}. */
    static byte[] payloadLength(byte[] message, int type, int length) {
        int at = findInMessage(message, type);
        if (at < 0) throw new IllegalArgumentException("no payload " + type);
        return putU16(message.clone(), at + 2, length);
    }

    /** Sets the critical bit of payload {@code type} in a whole message. */
    static byte[] critical(byte[] message, int type) {
        int at = findInMessage(message, type);
        if (at < 0) throw new IllegalArgumentException("no payload " + type);
        byte[] c = message.clone();
        c[at + 1] |= (byte) 0x80;
        return c;
    }

    /** One byte changed. */
    static byte[] set(byte[] m, int at, int value) {
        byte[] c = m.clone();
        c[at] = (byte) value;
        return c;
    }
}
