package io.ike4j.platform.radius;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One RADIUS attribute (RFC 2865 5): Type, Length (implicit), Value of 1..253 octets (0 allowed on decode). */
public record RadiusAttribute(int type, byte[] value) {
    public static final int MAX_VALUE = 253;

    public RadiusAttribute {
        if (type < 1 || type > 255) throw new IllegalArgumentException("attribute type out of range");
        if (value.length > MAX_VALUE) throw new IllegalArgumentException("attribute value longer than 253 octets");
        value = value.clone();
    }

    public static RadiusAttribute text(int type, String value) {
        return new RadiusAttribute(type, value.getBytes(StandardCharsets.UTF_8));
    }

    public static RadiusAttribute integer(int type, int value) {
        return new RadiusAttribute(type, new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    int encodedLength() {
        return 2 + value.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RadiusAttribute a && a.type == type && Arrays.equals(a.value, value);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(value);
    }

    /** Never the value: it may be a key or a password. */
    @Override
    public String toString() {
        return "RadiusAttribute[type=" + type + ", " + value.length + " bytes]";
    }
}
