package io.ike4j.core.codec.v1;

import java.util.List;

/**
 * A decrypted payload chain and the bytes after it (RFC 2409 5 / RFC 2408 3.1: the plaintext is padded to the
 * cipher's block size; the padding is not interpreted). {@code chainLength} is the length of the payload chain
 * itself, i.e. the part of the plaintext that Quick Mode and Informational HASHes cover.
 */
public record DecryptedPayloads(List<V1Payload> payloads, int chainLength, Octets padding) {
    public DecryptedPayloads {
        payloads = List.copyOf(payloads);
    }
}
