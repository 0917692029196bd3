package io.ike4j.daemon.control;

/** The outcome of a control command that does something. */
public sealed interface ControlResult {
    String message();

    record Ok(String message) implements ControlResult {}

    record Failed(ErrorCode code, String message) implements ControlResult {}

    static ControlResult ok(String message) {
        return new Ok(message);
    }

    static ControlResult failed(ErrorCode code, String message) {
        return new Failed(code, message);
    }
}
