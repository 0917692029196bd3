package io.ike4j.daemon.config;

import java.util.Objects;

/**
 * One finding about a configuration: an error (the config is not usable as written) or a warning
 * (something was ignored or looks suspicious). Messages never contain secret values.
 *
 * @param hint what the user should do or what was expected; empty when there is nothing useful to add
 */
public record Diagnostic(Severity severity, SourceLocation location, String message, String hint) {
    public enum Severity { ERROR, WARNING }

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
        hint = hint == null ? "" : hint;
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line: error: message (hint)}. */
    @Override
    public String toString() {
        String sev = severity == Severity.ERROR ? "error" : "warning";
        return location + ": " + sev + ": " + message + (hint.isEmpty() ? "" : " (" + hint + ")");
    }
}
