package io.ike4j.core.auth.keys;

/** A key file could not be loaded. The message names the problem, never key bytes. */
public final class KeyLoadException extends Exception {
    public enum Reason {
        MALFORMED,
        UNSUPPORTED_FORMAT,
        UNSUPPORTED_ALGORITHM,
        ENCRYPTED
    }

    private final Reason reason;

    public KeyLoadException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
