package io.ike4j.platform.dataplane;

/** The data plane could not carry out an SA operation. Never carries key material. */
public final class DataPlaneException extends Exception {
    public DataPlaneException(String message) {
        super(message);
    }

    public DataPlaneException(String message, Throwable cause) {
        super(message, cause);
    }
}
