package io.ike4j.platform.radius;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One sub-attribute of a Vendor-Specific attribute (RFC 2865 5.26, RFC 2548 2): Vendor-Type, Vendor-Length, value. */
public record VendorAttribute(int vendorId, int type, byte[] value) {
    public VendorAttribute {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** Sub-attributes of a VSA value; empty if the value is malformed (nothing is thrown). */
    public static List<VendorAttribute> parse(byte[] vsa) {
        List<VendorAttribute> out = new ArrayList<>();
        if (vsa.length < 4) return out;
        int vendor = (vsa[0] & 0xff) << 24 | (vsa[1] & 0xff) << 16 | (vsa[2] & 0xff) << 8 | (vsa[3] & 0xff);
        int off = 4;
        while (off < vsa.length) {
            if (off + 2 > vsa.length) return List.of();
            int len = vsa[off + 1] & 0xff;
            if (len < 2 || off + len > vsa.length) return List.of();
            out.add(new VendorAttribute(vendor, vsa[off] & 0xff, Arrays.copyOfRange(vsa, off + 2, off + len)));
            off += len;
        }
        return out;
    }

    /** The VSA value holding this sub-attribute. */
    public byte[] encode() {
        byte[] out = new byte[4 + 2 + value.length];
        out[0] = (byte) (vendorId >>> 24);
        out[1] = (byte) (vendorId >>> 16);
        out[2] = (byte) (vendorId >>> 8);
        out[3] = (byte) vendorId;
        out[4] = (byte) type;
        out[5] = (byte) (2 + value.length);
        System.arraycopy(value, 0, out, 6, value.length);
        return out;
    }

    @Override
    public String toString() {
        return "VendorAttribute[vendor=" + vendorId + ", type=" + type + ", " + value.length + " bytes]";
    }
}
