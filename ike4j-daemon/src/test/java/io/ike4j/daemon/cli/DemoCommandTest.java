package io.ike4j.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the real demo over loopback: needs an engine that establishes SAs. */
class DemoCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int demo(String... args) {
        return new DemoCommand().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void negotiatesPrintsTheAgreementAndExitsZero() {
        int status = demo("--timeout", "15");
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(text).contains("IKE_SA").contains("CHILD_SA demo").contains("AES_GCM_16")
                .contains("10.1.0.0/16").contains("10.2.0.0/16")
                .contains("keys match on both sides: yes").contains("closed");
    }

    @Test
    void transportModeUsesTheOuterAddresses() {
        int status = demo("--transport", "--esp-proposal", "aes128gcm16", "--timeout", "15");
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(text).contains("TRANSPORT").contains("127.0.0.2/32").contains("127.0.0.1/32");
    }

    @Test
    void anUnacceptableProposalFailsWithTheReason() {
        int status = demo("--proposal", "nonsense-proposal", "--timeout", "10");
        assertThat(status).isEqualTo(Command.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ike4j demo: failed");
    }
}
