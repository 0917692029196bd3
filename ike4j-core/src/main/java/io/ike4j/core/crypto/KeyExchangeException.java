package io.ike4j.core.crypto;

/**
 * A key exchange could not be performed. The {@link Reason} tells the exchange code how to answer:
 * {@link Reason#UNSUPPORTED_METHOD} leads to INVALID_KE_PAYLOAD (RFC 7296 1.2, 3.10.1: propose a group we
 * accept); the other reasons are malformed or malicious key exchange data and lead to INVALID_SYNTAX
 * (RFC 7296 3.10.1; RFC 6989 2 for failed public-value checks).
 */
public final class KeyExchangeException extends Exception {

    public enum Reason {
        /** The method is not implemented here. */
        UNSUPPORTED_METHOD,
        /** The peer's key exchange data has the wrong length for the method. */
        INVALID_LENGTH,
        /** The peer's value is out of range or not a point on the curve. */
        INVALID_PUBLIC_VALUE,
        /** The agreement produced a degenerate (all-zero / identity) shared secret. */
        INVALID_SHARED_SECRET,
        /** The key exchange object was already destroyed. */
        DESTROYED;

        /** True if the peer should be sent INVALID_SYNTAX rather than INVALID_KE_PAYLOAD. */
        public boolean isSyntaxError() {
            return this == INVALID_LENGTH || this == INVALID_PUBLIC_VALUE || this == INVALID_SHARED_SECRET;
        }
    }

    private final Reason reason;

    public KeyExchangeException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
