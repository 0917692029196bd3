package io.ike4j.api;

/** INVALID_KE_PAYLOAD (17): the responder wants a different key exchange method (RFC 7296 1.2, 3.10.1). */
public final class InvalidKePayloadException extends IkeProtocolException {
    public InvalidKePayloadException(String reason) {
        super(INVALID_KE_PAYLOAD, reason);
    }
}
