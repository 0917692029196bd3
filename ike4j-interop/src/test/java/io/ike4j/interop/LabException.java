package io.ike4j.interop;

/** A lab step (namespace, process, peer) failed; the message carries the command and its output. */
public final class LabException extends RuntimeException {

    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
