package io.ike4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ike4j.core.engine.Endpoint;
import io.ike4j.daemon.DaemonOptions.DataPlaneKind;
import io.ike4j.daemon.cli.Main;
import io.ike4j.platform.dataplane.InMemoryDataPlane;
import io.ike4j.platform.esp.EspEvent;
import io.ike4j.platform.net.EspSender;
import io.ike4j.platform.net.EspSink;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Choosing the data plane: the kinds, the embedded default, {@code none}, the probe, the CLI options. */
class DataPlaneSelectorTest {
    private static final EspSender NO_SEND = new EspSender() {
        @Override
        public boolean sendEsp(Endpoint local, Endpoint remote, byte[] packet, int off, int len) {
            return false;
        }

        @Override
        public int natTraversalPort() {
            return 4500;
        }
    };

    @Test
    void kindsParseCaseInsensitivelyAndEmbeddedDaemonsStayInMemory() {
        assertThat(DataPlaneKind.parse("UserSpace")).contains(DataPlaneKind.USERSPACE);
        assertThat(DataPlaneKind.parse("xfrm")).contains(DataPlaneKind.XFRM);
        assertThat(DataPlaneKind.parse("kernel")).isEmpty();
        DaemonOptions o = new DaemonOptions(Path.of("x"), Path.of("s"), 0, 0, Optional.empty());
        assertThat(o.dataPlane()).as("tests and embedders never touch the host's network by default").isEqualTo(DataPlaneKind.NONE);
        assertThat(o.tunName()).isEqualTo("ike4j0");
        assertThat(o.tunMtu()).isEqualTo(1400);
        assertThatThrownBy(() -> new DaemonOptions(Path.of("x"), Path.of("s"), 0, 0, Optional.empty(), DataPlaneKind.AUTO, "t", 100))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noneIsInMemoryAndTakesNoEsp() throws Exception {
        DaemonOptions o = new DaemonOptions(Path.of("x"), Path.of("s"), 0, 0, Optional.empty());
        DataPlaneSelector.Selected s = DataPlaneSelector.select(o, NO_SEND, e -> { });
        try {
            assertThat(s.plane()).isInstanceOf(InMemoryDataPlane.class);
            assertThat(s.sink()).isSameAs(EspSink.DROP);
            assertThat(s.description()).contains("in memory").contains("--dataplane none");
            assertThat(DataPlaneSelector.kind(s.plane())).isEqualTo(DataPlaneKind.NONE);
        } finally {
            s.plane().close();
        }
    }

    @Test
    void theKernelProbeAnswersWithAReasonOrNothingAndLeavesNoSa() {
        String why = DataPlaneSelector.probeKernelEsp();
        // null: the kernel took (and we deleted) the throwaway SA; otherwise a one-line reason for the log
        if (why != null) assertThat(why).isNotBlank().doesNotContain("\n");
    }

    @Test
    void lifetimeEventsBecomeReadableLogLines() {
        assertThat(Daemon.describe(new EspEvent(3, 4, 0xabc, EspEvent.Direction.OUTBOUND, EspEvent.Kind.SOFT_LIFETIME)))
                .isEqualTo("CHILD_SA 3/4 outbound SPI 00000abc: soft byte/packet lifetime reached, CHILD_SA should be rekeyed");
        assertThat(Daemon.describe(new EspEvent(3, 4, 0xabc, EspEvent.Direction.INBOUND, EspEvent.Kind.HARD_LIFETIME)))
                .contains("inbound").contains("hard").endsWith("deleting it");
    }

    private static String cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void daemonHelpAndUsageNameTheDataPlaneOptions() {
        assertThat(cli("daemon", "--help")).contains("--dataplane KIND").contains("userspace").contains("--tun NAME")
                .contains("--tun-mtu N");
        assertThat(cli("--help")).contains("[--dataplane auto|userspace|xfrm|none] [--tun ike4j0] [--tun-mtu 1400]");
        assertThat(cli("daemon", "--conf", "/nonexistent", "--dataplane", "kernel"))
                .contains("--dataplane must be auto, userspace, xfrm or none, not kernel");
        assertThat(cli("daemon", "--conf", "/nonexistent", "--tun", "a-name-far-too-long")).contains("--tun must be");
        assertThat(cli("daemon", "--conf", "/nonexistent", "--tun-mtu", "100")).contains("--tun-mtu must be between");
        assertThat(cli("daemon", "--help")).contains("--plain-esp yes|no");
        assertThat(cli("daemon", "--conf", "/nonexistent", "--plain-esp", "maybe"))
                .contains("--plain-esp must be yes or no, not maybe");
    }
}
