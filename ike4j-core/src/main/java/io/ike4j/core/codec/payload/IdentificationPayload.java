package io.ike4j.core.codec.payload;

import io.ike4j.core.codec.PayloadType;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/** IDi ({@code initiator}) or IDr payload (RFC 7296 3.5). {@code idType} raw so unknown types round-trip. */
public record IdentificationPayload(boolean initiator, int idType, byte[] data, boolean critical) implements Payload {
    public IdentificationPayload {
        data = data.clone();
    }

    public IdentificationPayload(boolean initiator, IdType type, byte[] data) {
        this(initiator, type.value(), data, false);
    }

    public Optional<IdType> id() {
        return IdType.of(idType);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public int payloadType() {
        return (initiator ? PayloadType.IDI : PayloadType.IDR).value();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdentificationPayload p && p.initiator == initiator && p.idType == idType
                && p.critical == critical && Arrays.equals(p.data, data);
    }

    @Override
    public int hashCode() {
        return ((idType * 31 + Arrays.hashCode(data)) * 2 + (critical ? 1 : 0)) * 2 + (initiator ? 1 : 0);
    }

    @Override
    public String toString() {
        return (initiator ? "IDi" : "IDr") + "[type=" + idType + ", " + HexFormat.of().formatHex(data) + "]";
    }
}
