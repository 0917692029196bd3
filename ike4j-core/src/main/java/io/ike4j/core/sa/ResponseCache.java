package io.ike4j.core.sa;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The last response we sent as responder (RFC 7296 2.1): a retransmitted request (same message ID, byte-identical
 * to a datagram of the original request) is answered with exactly these datagrams, fragments included, without
 * processing it again. Anything else with that message ID is dropped.
 */
public record ResponseCache(long messageId, List<byte[]> datagrams, List<byte[]> requestHashes) {
    public ResponseCache {
        datagrams = datagrams.stream().map(byte[]::clone).toList();
        requestHashes = requestHashes.stream().map(byte[]::clone).toList();
    }

    @Override
    public List<byte[]> datagrams() {
        return datagrams.stream().map(byte[]::clone).toList();
    }

    /** True if {@code datagram} is a copy of (a fragment of) the request this response answered. */
    public boolean answers(byte[] datagram) {
        byte[] h = hash(datagram);
        return requestHashes.stream().anyMatch(r -> MessageDigest.isEqual(r, h));
    }

    public static byte[] hash(byte[] datagram) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(datagram);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
