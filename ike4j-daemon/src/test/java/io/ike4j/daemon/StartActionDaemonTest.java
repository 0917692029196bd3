package io.ike4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code start_action = start} brings the tunnel up when the daemon loads swanctl.conf; {@code --retransmit} parsing. */
class StartActionDaemonTest {
    @TempDir
    Path dir;

    private static String conf(String name, String remote, String remotePort, String localTs, String remoteTs,
                               String localId, String remoteId, String childExtra) {
        return TestDaemons.pskConf(name, remote, remotePort, localTs, remoteTs, localId, remoteId, childExtra, "\"a shared secret\"");
    }

    private Daemon start(String name, String conf, List<String> log) throws Exception {
        return TestDaemons.start(dir.resolve(name + ".conf"), conf, dir.resolve(name + ".sock"), log);
    }

    @Test
    void startActionStartEstablishesWithoutAnInitiateCommand() throws Exception {
        List<String> gwLog = new CopyOnWriteArrayList<>();
        List<String> clLog = new CopyOnWriteArrayList<>();
        try (Daemon gw = start("gw", conf("gw", "%any", "500", "10.2.0.0/16", "10.1.0.0/16", "moon.example.org",
                "sun.example.org", ""), gwLog);
             Daemon client = start("client", conf("home", "127.0.0.1", String.valueOf(gw.ikePort()), "10.1.0.0/16",
                     "10.2.0.0/16", "sun.example.org", "moon.example.org", "start_action = start"), clLog)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while ((client.tracker().childSaCount() < 1 || gw.tracker().childSaCount() < 1) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(client.tracker().list()).as(String.join("\n", clLog)).singleElement()
                    .satisfies(sa -> assertThat(sa.children()).singleElement().satisfies(c -> assertThat(c.name()).isEqualTo("net")));
            assertThat(gw.tracker().list()).hasSize(1);
            // a reload (load-all) with the CHILD up starts nothing new
            assertThat(client.reload()).isInstanceOf(io.ike4j.daemon.control.ControlResult.Ok.class);
            Thread.sleep(500);
            assertThat(client.tracker().list()).hasSize(1);
        }
    }

    @Test
    void retransmitSpecIsParsedLikeStrongSwansSettings() {
        assertThat(Retransmission.parse("timeout=1s,base=1.4,tries=3"))
                .contains(new Retransmission(Duration.ofSeconds(1), 1.4, 3));
        assertThat(Retransmission.parse("timeout=500ms")).contains(new Retransmission(Duration.ofMillis(500), 1.8, 5));
        assertThat(Retransmission.parse("tries=2")).contains(new Retransmission(Duration.ofSeconds(4), 1.8, 2));
        assertThat(Retransmission.parse("timeout=0")).isEmpty();
        assertThat(Retransmission.parse("base=0.5")).isEmpty();
        assertThat(Retransmission.parse("retries=3")).isEmpty();
        assertThat(Retransmission.parse("tries")).isEmpty();
    }
}
