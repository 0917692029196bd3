package io.ike4j.core.codec.v1;

import io.ike4j.core.proposal.IanaValue;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An ISAKMP data attribute (RFC 2408 3.3), also the format of Mode Config attributes (draft-dukes-ike-mode-cfg
 * 3.2). {@code basic} is the AF bit: a basic (TV) attribute carries exactly two value bytes in its header; a
 * variable (TLV) one has a 16-bit length and that many bytes.
 */
public record DataAttribute(int type, boolean basic, Octets value) {

    public DataAttribute {
        if (type < 0 || type > 0x7fff) throw new IllegalArgumentException("attribute type not 15-bit: " + type);
        if (basic && value.length() != 2) throw new IllegalArgumentException("basic attribute needs 2 value bytes");
        if (value.length() > 0xffff) throw new IllegalArgumentException("attribute value too long");
    }

    /** A basic (TV) attribute with a 16-bit value. */
    public static DataAttribute basic(int type, int value) {
        if (value < 0 || value > 0xffff) throw new IllegalArgumentException("basic value not u16: " + value);
        return new DataAttribute(type, true, Octets.wrap(new byte[] {(byte) (value >>> 8), (byte) value}));
    }

    public static DataAttribute basic(IanaValue type, IanaValue value) {
        return basic(type.value(), value.value());
    }

    public static DataAttribute basic(IanaValue type, int value) {
        return basic(type.value(), value);
    }

    public static DataAttribute variable(int type, byte[] value) {
        return new DataAttribute(type, false, Octets.of(value));
    }

    /**
     * A life duration (RFC 2409 Appendix A, RFC 2407 4.5: variable length): basic if it fits 16 bits, otherwise
     * a 4-byte variable attribute — how strongSwan and most peers send it.
     */
    public static DataAttribute lifeDuration(IanaValue type, long value) {
        if (value < 0 || value > 0xffffffffL) throw new IllegalArgumentException("life duration not u32");
        if (value <= 0xffff) return basic(type.value(), (int) value);
        return variable(type.value(), new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8),
                (byte) value});
    }

    /** The value as an unsigned number, empty if longer than 63 bits' worth (8 bytes with the top bit set). */
    public OptionalLong longValue() {
        byte[] b = value.bytes();
        int start = 0;
        while (start < b.length && b[start] == 0) start++;
        if (b.length - start > 8 || (b.length - start == 8 && b[start] < 0)) return OptionalLong.empty();
        long v = 0;
        for (int i = start; i < b.length; i++) v = (v << 8) | (b[i] & 0xff);
        return OptionalLong.of(v);
    }

    /**
     * The 16-bit value of a basic attribute; of a variable one its value if that fits in 16 bits, else -1 (no valid
     * value of any attribute RFC 2409 appendix A and RFC 2407 4.5 class as basic: a 5-octet encryption algorithm must
     * not wrap around to a known one).
     */
    public int intValue() {
        byte[] b = value.bytes();
        if (basic) return ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        long v = longValue().orElse(-1);
        return v >= 0 && v <= 0xffff ? (int) v : -1;
    }

    public static Optional<DataAttribute> find(List<DataAttribute> attributes, IanaValue type) {
        return attributes.stream().filter(a -> a.type == type.value()).findFirst();
    }

    /** A run of attributes in wire format (RFC 2408 3.3), as in a Notification's data (RFC 2407 4.6.3.1). */
    public static byte[] encodeAll(List<DataAttribute> attributes) {
        io.ike4j.core.codec.WireWriter w = new io.ike4j.core.codec.WireWriter();
        V1SaCodec.encodeAttributes(attributes, w);
        return w.toByteArray();
    }

    /** Attributes filling {@code data} exactly; empty if one is truncated. */
    public static Optional<List<DataAttribute>> decodeAll(byte[] data) {
        try {
            return Optional.of(V1SaCodec.decodeAttributes(new io.ike4j.core.codec.WireReader(data)));
        } catch (io.ike4j.core.codec.WireException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "DataAttribute[type=" + type + (basic ? ", basic=" + intValue() : ", variable " + value.length() + " bytes")
                + "]";
    }
}
