package io.ike4j.api;

/** AUTHENTICATION_FAILED (24): the peer's or our AUTH payload did not verify: wrong PSK, identity or credentials (RFC 7296 2.15). */
public final class AuthenticationFailedException extends IkeProtocolException {
    public AuthenticationFailedException(String reason) {
        super(AUTHENTICATION_FAILED, reason);
    }
}
