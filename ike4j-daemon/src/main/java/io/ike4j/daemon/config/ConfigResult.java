package io.ike4j.daemon.config;

import java.util.List;

/**
 * The outcome of loading a swanctl.conf: the model built from everything that could be understood, the raw
 * settings tree, and all diagnostics. Check {@link #hasErrors()} before using the config.
 */
public record ConfigResult(SwanctlConfig config, SettingsSection tree, List<Diagnostic> diagnostics) {
    public ConfigResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    public List<Diagnostic> warnings() {
        return diagnostics.stream().filter(d -> !d.isError()).toList();
    }
}
