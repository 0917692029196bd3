package io.ike4j.core.codec.payload;

import io.ike4j.core.codec.PayloadType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Delete payload (RFC 7296 3.11). For the IKE SA: protocol 1, SPI size 0, no SPIs. Each SPI must be
 * {@code spiSize} bytes.
 */
public record DeletePayload(int protocolId, int spiSize, List<byte[]> spis, boolean critical) implements Payload {
    public DeletePayload {
        List<byte[]> copy = new ArrayList<>(spis.size());
        for (byte[] s : spis) {
            if (s.length != spiSize) throw new IllegalArgumentException("SPI length differs from spiSize");
            copy.add(s.clone());
        }
        spis = List.copyOf(copy);
    }

    public DeletePayload(int protocolId, int spiSize, List<byte[]> spis) {
        this(protocolId, spiSize, spis, false);
    }

    @Override
    public List<byte[]> spis() {
        return spis.stream().map(byte[]::clone).toList();
    }

    @Override
    public int payloadType() {
        return PayloadType.DELETE.value();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DeletePayload p) || p.protocolId != protocolId || p.spiSize != spiSize
                || p.critical != critical || p.spis.size() != spis.size()) {
            return false;
        }
        for (int i = 0; i < spis.size(); i++) {
            if (!Arrays.equals(p.spis.get(i), spis.get(i))) return false;
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = protocolId * 31 + spiSize;
        for (byte[] s : spis) h = h * 31 + Arrays.hashCode(s);
        return h * 2 + (critical ? 1 : 0);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "D[protocol=" + protocolId + ", spis=" + spis.stream().map(hex::formatHex).toList() + "]";
    }
}
