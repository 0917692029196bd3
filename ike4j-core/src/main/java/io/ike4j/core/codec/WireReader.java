package io.ike4j.core.codec;

/**
 * Big-endian, bounds-checked reader over {@code buf[pos, limit)}. Never reads at or past its limit: a read that
 * would overrun throws a {@link WireException} (INVALID_SYNTAX) naming the absolute offset. Offsets are absolute
 * positions in the underlying buffer (normally the whole datagram) so errors point at the offending byte.
 */
public final class WireReader {
    private final byte[] buf;
    private int pos;
    private final int limit;

    public WireReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public WireReader(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset > buf.length - length) {
            throw new IllegalArgumentException("window outside buffer");
        }
        this.buf = buf;
        this.pos = offset;
        this.limit = offset + length;
    }

    public int position() {
        return pos;
    }

    public int limit() {
        return limit;
    }

    public int remaining() {
        return limit - pos;
    }

    public boolean hasRemaining() {
        return pos < limit;
    }

    /** The underlying buffer (not copied): for callers that need absolute offsets, e.g. SK opening. */
    byte[] buffer() {
        return buf;
    }

    private void need(int n, String what) throws WireException {
        if (n < 0 || n > limit - pos) {
            throw WireException.syntax(pos, what + ": needs " + n + " bytes, " + (limit - pos) + " left");
        }
    }

    public int u8(String what) throws WireException {
        need(1, what);
        return buf[pos++] & 0xff;
    }

    public int u16(String what) throws WireException {
        need(2, what);
        int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    public long u32(String what) throws WireException {
        need(4, what);
        long v = ((long) (buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8)
                | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    public long u64(String what) throws WireException {
        need(8, what);
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (buf[pos + i] & 0xff);
        pos += 8;
        return v;
    }

    public void skip(int n, String what) throws WireException {
        need(n, what);
        pos += n;
    }

    /** Copies the next {@code n} bytes out (the one copy a record makes of its slice). */
    public byte[] bytes(int n, String what) throws WireException {
        need(n, what);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    public byte[] rest() {
        byte[] out = new byte[limit - pos];
        System.arraycopy(buf, pos, out, 0, out.length);
        pos = limit;
        return out;
    }

    /** A reader over the next {@code n} bytes (no copy); this reader advances past them. */
    public WireReader slice(int n, String what) throws WireException {
        need(n, what);
        WireReader r = new WireReader(buf, pos, n);
        pos += n;
        return r;
    }
}
