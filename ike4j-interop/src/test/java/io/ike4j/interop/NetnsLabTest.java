package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.interop.NetnsLab.Side;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lab's own hygiene: reachability, unique names, and that nothing outlives close(). */
class NetnsLabTest {

    @BeforeEach
    void requireLab() {
        Requirements.assumeInteropAvailable();
    }

    private static boolean namespaceExists(String ns) {
        return Commands.run("ip", "netns", "list").stdout().lines().anyMatch(l -> l.split("\\s+")[0].equals(ns));
    }

    @Test
    void natLabRoutesLeftToRightAndCloseRemovesNamespacesProcessesAndFiles() throws Exception {
        NetnsLab lab = NetnsLab.natRouter();
        String left = lab.namespace(Side.LEFT);
        String router = lab.routerNamespace().orElseThrow();
        Path work = lab.workDir();
        Process sleeper;
        try (lab) {
            assertThat(left).startsWith("i4j-" + ProcessHandle.current().pid() + "-");
            ExecResult ping = lab.exec(left, Duration.ofSeconds(10), "ping", "-n", "-c", "1", "-W", "2", "198.51.100.2");
            assertThat(ping.ok()).as(ping.describe()).isTrue();
            assertThat(lab.exec(Side.RIGHT, "ip", "-brief", "addr", "show", "lo").stdout()).contains("10.2.0.1/32");
            sleeper = lab.spawn(router, Map.of(), lab.dir("misc").resolve("sleep.out"), "sleep", "600");
            assertThat(namespaceExists(router)).isTrue();
        }
        assertThat(sleeper.isAlive()).isFalse();
        assertThat(namespaceExists(left)).isFalse();
        assertThat(namespaceExists(router)).isFalse();
        assertThat(Files.exists(work)).isFalse();
    }

    @Test
    void twoLabsGetDistinctNamesAndExecTimesOut() {
        try (NetnsLab a = NetnsLab.direct(); NetnsLab b = NetnsLab.direct()) {
            assertThat(a.name()).isNotEqualTo(b.name());
            assertThat(a.exec(Side.LEFT, "ping", "-n", "-c", "1", "-W", "2", a.outerAddress(Side.RIGHT)).ok()).isTrue();
            ExecResult slow = a.exec(a.namespace(Side.LEFT), Duration.ofMillis(300), "sleep", "30");
            assertThat(slow.timedOut()).isTrue();
            assertThat(slow.ok()).isFalse();
        }
    }
}
