package io.ike4j.core.auth.der;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A strict DER reader over a byte range: each {@link #read()} returns the next TLV. Lengths are checked before
 * use; indefinite and non-minimal lengths are refused (X.690 10.1).
 */
public final class DerReader {
    private final byte[] data;
    private int pos;
    private final int end;

    /** One decoded element: tag, its contents, and its whole encoding. */
    public record Element(int tag, byte[] contents, byte[] encoded) {
        public DerReader reader() {
            return new DerReader(contents);
        }

        public boolean is(int t) {
            return tag == t;
        }

        public BigInteger integer() throws DerException {
            if (tag != Der.INTEGER) throw new DerException("expected INTEGER");
            if (contents.length == 0) throw new DerException("empty INTEGER");
            if (contents.length > 1 && ((contents[0] == 0 && contents[1] >= 0) || (contents[0] == -1 && contents[1] < 0))) {
                throw new DerException("non-minimal INTEGER");
            }
            return new BigInteger(contents);
        }

        public String oid() throws DerException {
            if (tag != Der.OID) throw new DerException("expected OBJECT IDENTIFIER");
            if (contents.length == 0 || contents.length > 64) throw new DerException("bad OBJECT IDENTIFIER length");
            StringBuilder sb = new StringBuilder();
            long v = 0;
            boolean first = true;
            for (int i = 0; i < contents.length; i++) {
                int b = contents[i] & 0xff;
                if (v == 0 && b == 0x80) throw new DerException("non-minimal OID arc");
                if (v > (Long.MAX_VALUE >>> 7)) throw new DerException("OID arc too large");
                v = (v << 7) | (b & 0x7f);
                if ((b & 0x80) == 0) {
                    if (first) {
                        int top = v < 40 ? 0 : v < 80 ? 1 : 2;
                        sb.append(top).append('.').append(v - 40L * top);
                        first = false;
                    } else {
                        sb.append('.').append(v);
                    }
                    v = 0;
                } else if (i == contents.length - 1) {
                    throw new DerException("truncated OID arc");
                }
            }
            return sb.toString();
        }

        /** BIT STRING contents without the unused-bits octet (which must be 0). */
        public byte[] bitStringBytes() throws DerException {
            if (tag != Der.BIT_STRING || contents.length == 0 || contents[0] != 0) {
                throw new DerException("expected BIT STRING without unused bits");
            }
            return Arrays.copyOfRange(contents, 1, contents.length);
        }

        @Override
        public byte[] contents() {
            return contents.clone();
        }

        @Override
        public byte[] encoded() {
            return encoded.clone();
        }

        @Override
        public String toString() {
            return "DER[tag=0x" + Integer.toHexString(tag) + ", " + contents.length + " bytes]";
        }
    }

    public DerReader(byte[] data) {
        this(data, 0, data.length);
    }

    public DerReader(byte[] data, int offset, int length) {
        this.data = data;
        this.pos = offset;
        this.end = offset + length;
    }

    public boolean hasMore() {
        return pos < end;
    }

    /** Offset of the next element in the underlying array. */
    public int position() {
        return pos;
    }

    /** The tag of the next element, or -1 at the end. */
    public int peekTag() {
        return pos < end ? data[pos] & 0xff : -1;
    }

    public Element read() throws DerException {
        int start = pos;
        if (end - pos < 2) throw new DerException("truncated DER header");
        int tag = data[pos++] & 0xff;
        if ((tag & 0x1f) == 0x1f) throw new DerException("multi-byte tags not supported");
        int first = data[pos++] & 0xff;
        int len;
        if (first < 0x80) {
            len = first;
        } else {
            int n = first & 0x7f;
            if (n == 0) throw new DerException("indefinite length");
            if (n > 3) throw new DerException("length too large");
            if (end - pos < n) throw new DerException("truncated DER length");
            len = 0;
            for (int i = 0; i < n; i++) len = (len << 8) | (data[pos++] & 0xff);
            if (len < 0x80 || (n > 1 && len < (1 << (8 * (n - 1))))) throw new DerException("non-minimal length");
        }
        if (end - pos < len) throw new DerException("truncated DER contents");
        byte[] contents = Arrays.copyOfRange(data, pos, pos + len);
        pos += len;
        return new Element(tag, contents, Arrays.copyOfRange(data, start, pos));
    }

    public Element read(int expectedTag) throws DerException {
        Element e = read();
        if (e.tag() != expectedTag) {
            throw new DerException("expected tag 0x" + Integer.toHexString(expectedTag) + " got 0x" + Integer.toHexString(e.tag()));
        }
        return e;
    }

    public void expectEnd() throws DerException {
        if (pos != end) throw new DerException("trailing data");
    }

    /** Parses exactly one element that spans all of {@code data}. */
    public static Element single(byte[] data) throws DerException {
        DerReader r = new DerReader(data);
        Element e = r.read();
        r.expectEnd();
        return e;
    }
}
