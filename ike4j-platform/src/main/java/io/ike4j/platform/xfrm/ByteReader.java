package io.ike4j.platform.xfrm;

/** Reads host-order (little-endian) and network-order fields; callers check bounds before reading. */
final class ByteReader {
    private ByteReader() {
    }

    static int u8(byte[] b, int at) {
        return b[at] & 0xff;
    }

    static int u16(byte[] b, int at) {
        return u8(b, at) | u8(b, at + 1) << 8;
    }

    static int u16be(byte[] b, int at) {
        return u8(b, at) << 8 | u8(b, at + 1);
    }

    static int u32(byte[] b, int at) {
        return u16(b, at) | u16(b, at + 2) << 16;
    }

    static int u32be(byte[] b, int at) {
        return u16be(b, at) << 16 | u16be(b, at + 2);
    }

    static long u64(byte[] b, int at) {
        return (u32(b, at) & 0xffffffffL) | (long) u32(b, at + 4) << 32;
    }
}
