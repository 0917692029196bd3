package io.ike4j.daemon.config.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ike4j.daemon.config.ConfigResult;
import io.ike4j.daemon.config.DiagnosticSink;
import io.ike4j.daemon.config.SettingsReader;
import io.ike4j.daemon.config.SettingsSection;
import io.ike4j.daemon.config.SwanctlConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * swanctl.conf text: the settings parser and the loader never throw; every problem is a diagnostic. Includes resolve
 * against an empty directory. Seeds: {@code SwanctlConfigLoaderFuzzInputs/} (configurations from the daemon tests).
 */
class SwanctlConfigLoaderFuzz {
    private static final Path BASE = emptyDir();

    @FuzzTest
    void loadString(byte[] input) {
        String text = new String(input, java.nio.charset.StandardCharsets.UTF_8);
        ConfigResult r = new SwanctlConfigLoader().loadString(text, "swanctl.conf", BASE);
        assertThat(r).isNotNull();
        assertThat(r.diagnostics()).doesNotContainNull();
        if (!r.hasErrors()) assertThat(r.config()).isNotNull();
    }

    @FuzzTest
    void parseSettings(byte[] input) {
        String text = new String(input, java.nio.charset.StandardCharsets.UTF_8);
        DiagnosticSink sink = new DiagnosticSink();
        SettingsSection s = new SettingsReader().parse(text, "strongswan.conf", BASE, sink);
        assertThat(s).isNotNull();
    }

    private static Path emptyDir() {
        try {
            return Files.createTempDirectory("ike4j-fuzz-conf");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
