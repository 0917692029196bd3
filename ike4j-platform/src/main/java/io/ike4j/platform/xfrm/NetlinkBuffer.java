package io.ike4j.platform.xfrm;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * Builds one netlink message in host byte order (little-endian on x86_64/aarch64), with big-endian fields
 * (ports, SPIs) written explicitly. Attributes follow {@code struct nlattr}: 2-byte length, 2-byte type, 4-byte padding.
 */
final class NetlinkBuffer {
    private byte[] buf = new byte[512];
    private int len;

    NetlinkBuffer header(int type, int flags, int seq, int pid) {
        u32(0); // nlmsg_len, patched by finish()
        u16(type);
        u16(flags);
        u32(seq);
        u32(pid);
        return this;
    }

    private void ensure(int n) {
        if (len + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }

    NetlinkBuffer u8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    NetlinkBuffer u16(int v) {
        return u8(v).u8(v >>> 8);
    }

    NetlinkBuffer u16be(int v) {
        return u8(v >>> 8).u8(v);
    }

    NetlinkBuffer u32(int v) {
        return u16(v).u16(v >>> 16);
    }

    NetlinkBuffer u32be(int v) {
        return u16be(v >>> 16).u16be(v);
    }

    NetlinkBuffer u64(long v) {
        return u32((int) v).u32((int) (v >>> 32));
    }

    NetlinkBuffer bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        return this;
    }

    NetlinkBuffer zeros(int n) {
        ensure(n);
        len += n; // the array is zero-filled where not yet written
        return this;
    }

    /** xfrm_address_t: 16 bytes, an IPv4 address in the first four; null writes zeros. */
    NetlinkBuffer address(InetAddress a) {
        if (a == null) return zeros(16);
        byte[] b = a.getAddress();
        bytes(b);
        return zeros(16 - b.length);
    }

    /** A NUL-padded fixed-size C string (algorithm names, 64 bytes). */
    NetlinkBuffer name(String s, int size) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (b.length >= size) throw new IllegalArgumentException("name too long: " + s);
        bytes(b);
        return zeros(size - b.length);
    }

    /** Pads with zeros to a multiple of {@code alignment}. */
    NetlinkBuffer align(int alignment) {
        int pad = (alignment - len % alignment) % alignment;
        return zeros(pad);
    }

    int position() {
        return len;
    }

    int beginAttribute(int type) {
        int start = len;
        u16(0).u16(type);
        return start;
    }

    void endAttribute(int start) {
        patch16(start, len - start);
        align(4);
    }

    private void patch16(int at, int v) {
        buf[at] = (byte) v;
        buf[at + 1] = (byte) (v >>> 8);
    }

    /** Patches nlmsg_len and returns the message (aligned to 4). */
    byte[] finish() {
        align(4);
        buf[0] = (byte) len;
        buf[1] = (byte) (len >>> 8);
        buf[2] = (byte) (len >>> 16);
        buf[3] = (byte) (len >>> 24);
        byte[] out = Arrays.copyOf(buf, len);
        Arrays.fill(buf, (byte) 0); // the buffer may have held key material
        return out;
    }
}
