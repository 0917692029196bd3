package io.ike4j.core.codec.payload;

import java.util.Arrays;

/**
 * A Transform Attribute (RFC 7296 3.3.5) as on the wire. {@code tvFormat} is the AF bit: when set the
 * value is exactly two bytes carried in the header (TV), otherwise it is variable length (TLV).
 * The only attribute IKEv2 defines is Key Length (type 14, TV, bits).
 */
public record TransformAttribute(int type, boolean tvFormat, byte[] value) {
    public static final int KEY_LENGTH = 14;

    public TransformAttribute {
        value = value.clone();
    }

    public static TransformAttribute keyLength(int bits) {
        return new TransformAttribute(KEY_LENGTH, true, new byte[] {(byte) (bits >>> 8), (byte) bits});
    }

    /** The value as an unsigned 16-bit number (meaningful for TV attributes). */
    public int intValue() {
        int v = 0;
        for (byte b : value) v = (v << 8) | (b & 0xff);
        return v;
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransformAttribute a && a.type == type && a.tvFormat == tvFormat && Arrays.equals(a.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type + Boolean.hashCode(tvFormat)) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "TransformAttribute[type=" + type + ", tv=" + tvFormat + ", value=" + intValue() + "]";
    }
}
