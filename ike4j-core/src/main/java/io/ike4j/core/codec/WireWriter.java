package io.ike4j.core.codec;

import java.util.Arrays;

/** Big-endian growable byte writer with unsigned helpers and back-patching of length fields. */
public final class WireWriter {
    private byte[] buf;
    private int size;

    public WireWriter() {
        this(256);
    }

    public WireWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int n) {
        if (size + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
    }

    public int position() {
        return size;
    }

    public WireWriter u8(int v) {
        if (v < 0 || v > 0xff) throw new IllegalArgumentException("u8 out of range: " + v);
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public WireWriter u16(int v) {
        if (v < 0 || v > 0xffff) throw new IllegalArgumentException("u16 out of range: " + v);
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    public WireWriter u32(long v) {
        if (v < 0 || v > 0xffffffffL) throw new IllegalArgumentException("u32 out of range: " + v);
        ensure(4);
        for (int s = 24; s >= 0; s -= 8) buf[size++] = (byte) (v >>> s);
        return this;
    }

    public WireWriter u64(long v) {
        ensure(8);
        for (int s = 56; s >= 0; s -= 8) buf[size++] = (byte) (v >>> s);
        return this;
    }

    public WireWriter bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
        return this;
    }

    public WireWriter zeros(int n) {
        ensure(n);
        size += n; // buffer bytes beyond size are always zero (never written before growth)
        return this;
    }

    /** Overwrites two bytes at {@code at} (a length field written as a placeholder earlier). */
    public void patchU16(int at, int v) {
        if (at < 0 || at + 2 > size) throw new IndexOutOfBoundsException(at);
        if (v < 0 || v > 0xffff) throw new IllegalArgumentException("length too large for u16: " + v);
        buf[at] = (byte) (v >>> 8);
        buf[at + 1] = (byte) v;
    }

    public void patchU32(int at, long v) {
        if (at < 0 || at + 4 > size) throw new IndexOutOfBoundsException(at);
        for (int i = 0; i < 4; i++) buf[at + i] = (byte) (v >>> (24 - 8 * i));
    }

    public void patchU8(int at, int v) {
        if (at < 0 || at + 1 > size) throw new IndexOutOfBoundsException(at);
        buf[at] = (byte) v;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
