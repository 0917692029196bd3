package io.ike4j.api;

/** The peer stopped answering: retransmissions exhausted (RFC 7296 2.1, 2.4) or the setup took too long. */
public final class IkeTimeoutException extends IkeException {
    public IkeTimeoutException(String message) {
        super(message);
    }
}
