package io.ike4j.core.sa;

import java.util.List;

/**
 * The last response we sent as responder (RFC 7296 2.1): a retransmitted request (same message ID) is answered
 * with exactly these datagrams, fragments included, without processing it again.
 */
public record ResponseCache(long messageId, List<byte[]> datagrams) {
    public ResponseCache {
        datagrams = datagrams.stream().map(byte[]::clone).toList();
    }

    @Override
    public List<byte[]> datagrams() {
        return datagrams.stream().map(byte[]::clone).toList();
    }
}
