package io.ike4j.core.codec.v1;

import java.util.List;
import java.util.Optional;

/** An ISAKMP message in the clear: header and payload chain (for an encrypted one, the decrypted chain). */
public record IsakmpMessage(IsakmpHeader header, List<V1Payload> payloads) {
    public IsakmpMessage {
        payloads = List.copyOf(payloads);
    }

    public <T extends V1Payload> Optional<T> first(Class<T> kind) {
        return payloads.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }

    public <T extends V1Payload> List<T> all(Class<T> kind) {
        return payloads.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
