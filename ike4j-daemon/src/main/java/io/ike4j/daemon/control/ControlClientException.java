package io.ike4j.daemon.control;

/** Talking to the daemon failed; {@link #kind()} lets the CLI choose its message and exit code. */
public final class ControlClientException extends Exception {
    public enum Kind { NOT_RUNNING, PERMISSION_DENIED, PROTOCOL, IO }

    private final Kind kind;

    public ControlClientException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
