package io.ike4j.core.codec.payload;

import io.ike4j.core.codec.PayloadType;
import java.util.Arrays;
import java.util.HexFormat;

/** Vendor ID payload (RFC 7296 3.12). */
public record VendorIdPayload(byte[] vendorId, boolean critical) implements Payload {
    public VendorIdPayload {
        vendorId = vendorId.clone();
    }

    public VendorIdPayload(byte[] vendorId) {
        this(vendorId, false);
    }

    @Override
    public byte[] vendorId() {
        return vendorId.clone();
    }

    @Override
    public int payloadType() {
        return PayloadType.VENDOR_ID.value();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VendorIdPayload p && p.critical == critical && Arrays.equals(p.vendorId, vendorId);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(vendorId) * 2 + (critical ? 1 : 0);
    }

    @Override
    public String toString() {
        return "V[" + HexFormat.of().formatHex(vendorId) + "]";
    }
}
