package io.ike4j.core.codec.v1;

import java.util.List;
import java.util.Optional;

/**
 * A Proposal payload (RFC 2408 3.5) inside an SA payload. Proposals sharing a number are ANDed (e.g. AH and ESP
 * together, RFC 2408 4.2). {@code protocolId} is a {@link V1ProtocolId} value.
 */
public record V1Proposal(int number, int protocolId, Octets spi, List<V1Transform> transforms) {

    public V1Proposal {
        if (number < 0 || number > 0xff || protocolId < 0 || protocolId > 0xff) {
            throw new IllegalArgumentException("proposal number/protocol not u8");
        }
        if (spi.length() > 0xff) throw new IllegalArgumentException("SPI longer than 255 bytes");
        if (transforms.isEmpty() || transforms.size() > 0xff) throw new IllegalArgumentException("1..255 transforms");
        transforms = List.copyOf(transforms);
    }

    public Optional<V1ProtocolId> protocol() {
        return V1ProtocolId.of(protocolId);
    }
}
