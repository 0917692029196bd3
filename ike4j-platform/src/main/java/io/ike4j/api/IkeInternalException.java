package io.ike4j.api;

/** A local failure: sockets, configuration, the data plane, or an SA closed before it was ever established. */
public final class IkeInternalException extends IkeException {
    public IkeInternalException(String message) {
        super(message);
    }

    public IkeInternalException(String message, Throwable cause) {
        super(message, cause);
    }
}
