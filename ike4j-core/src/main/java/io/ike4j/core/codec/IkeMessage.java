package io.ike4j.core.codec;

import io.ike4j.core.codec.payload.Payload;
import java.util.List;
import java.util.Optional;

/** An IKEv2 message: header and payloads in wire order (RFC 7296 3.1). */
public record IkeMessage(IkeHeader header, List<Payload> payloads) {
    public IkeMessage {
        payloads = List.copyOf(payloads);
    }

    /** The payloads of one kind, in order. */
    public <P extends Payload> List<P> all(Class<P> kind) {
        return payloads.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    public <P extends Payload> Optional<P> first(Class<P> kind) {
        return payloads.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }
}
