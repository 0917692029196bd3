package io.ike4j.daemon.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects diagnostics while parsing and building a configuration. Not thread-safe; one per load.
 * Validators receive it to report problems with the exact {@link SourceLocation} of a value.
 */
public final class DiagnosticSink {
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    public void error(SourceLocation where, String message, String hint) {
        diagnostics.add(new Diagnostic(Diagnostic.Severity.ERROR, where, message, hint));
    }

    public void warning(SourceLocation where, String message, String hint) {
        diagnostics.add(new Diagnostic(Diagnostic.Severity.WARNING, where, message, hint));
    }

    public void add(Diagnostic d) {
        diagnostics.add(d);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /** An immutable snapshot in the order the findings were made. */
    public List<Diagnostic> snapshot() {
        return List.copyOf(diagnostics);
    }
}
