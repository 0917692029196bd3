package io.ike4j.core.codec.payload;

import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.PayloadType;
import io.ike4j.core.proposal.ProtocolId;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Notify payload (RFC 7296 3.10). {@code protocolId} 0 means "no protocol" (IKE SA notifications); the SPI size
 * on the wire is {@code spi.length}. {@code notifyType} stays raw: unknown status types must be ignored, unknown
 * error types in a response fail the request (RFC 7296 3.10.1).
 */
public record NotifyPayload(int protocolId, byte[] spi, int notifyType, byte[] data, boolean critical) implements Payload {
    public NotifyPayload {
        spi = spi.clone();
        data = data.clone();
    }

    public NotifyPayload(int protocolId, byte[] spi, int notifyType, byte[] data) {
        this(protocolId, spi, notifyType, data, false);
    }

    /** A notification about the IKE SA itself: no protocol, no SPI. */
    public static NotifyPayload of(NotifyType type, byte[] data) {
        return new NotifyPayload(0, new byte[0], type.value(), data, false);
    }

    public Optional<NotifyType> notification() {
        return NotifyType.of(notifyType);
    }

    public Optional<ProtocolId> protocol() {
        return ProtocolId.of(protocolId);
    }

    public boolean isError() {
        return NotifyType.isErrorType(notifyType);
    }

    @Override
    public byte[] spi() {
        return spi.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public int payloadType() {
        return PayloadType.NOTIFY.value();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NotifyPayload p && p.protocolId == protocolId && p.notifyType == notifyType
                && p.critical == critical && Arrays.equals(p.spi, spi) && Arrays.equals(p.data, data);
    }

    @Override
    public int hashCode() {
        return (((protocolId * 31 + notifyType) * 31 + Arrays.hashCode(spi)) * 31 + Arrays.hashCode(data)) * 2
                + (critical ? 1 : 0);
    }

    @Override
    public String toString() {
        return "N[" + notification().map(Enum::name).orElse(Integer.toString(notifyType)) + ", protocol=" + protocolId
                + ", spi=" + HexFormat.of().formatHex(spi) + ", " + data.length + " data bytes]";
    }
}
