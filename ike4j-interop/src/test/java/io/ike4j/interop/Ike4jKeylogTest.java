package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.interop.PeerPair.Agreed;
import io.ike4j.interop.PeerPair.Direction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code bin/ike4j daemon --keylog FILE}: the daemon writes each IKE SA's SK_e/SK_a keys as lines of Wireshark's
 * {@code ikev2_decryption_table} UAT. A capture of ike4j ↔ strongSwan taken with tcpdump in ike4j's namespace is
 * then decrypted by {@code tshark -o "uat:ikev2_decryption_table:<line>"}: the identities, which travel encrypted in
 * IKE_AUTH (RFC 7296 1.2), appear in the dissection with the keys and not without them.
 */
class Ike4jKeylogTest extends SharedDirectLab {

    @BeforeAll
    void requireTools() {
        Requirements.assumeInteropAvailable();
        for (String tool : new String[] {"tcpdump", "tshark"}) {
            if (Requirements.findOnPath(tool) == null) {
                Requirements.failOrSkip(tool + " not found (apt-get install tcpdump tshark)");
            }
        }
    }

    @Override
    Ike4jPeer.Options ike4jOptions() {
        return Ike4jPeer.Options.defaults().withKeylog();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "IKE4J_INITIATES, aes256gcm16-prfsha256-x25519",
        "STRONGSWAN_INITIATES, aes128-sha256-modp2048",
    })
    void keylogDecryptsIkeAuthInTshark(Direction d, String proposal) throws Exception {
        String ike = freshConnection();
        pair.reload(conf(ike, (side, c) -> c.proposals(proposal)));
        Path cap = lab().dir("capture").resolve(ike + ".pcap");
        Agreed sa;
        Process tcpdump = startCapture(cap);
        try {
            sa = pair.establish(d, ike, CHILD);
        } finally {
            IkePeer.sleep(500);
            NetnsLab.stop(tcpdump, Duration.ofSeconds(5));
        }
        pair.terminate(d, ike);

        Path keylog = pair.ike4j().keylogFile();
        assertThat(Files.getPosixFilePermissions(keylog)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String spis = sa.initiator().initiatorSpi() + "," + sa.initiator().responderSpi() + ",";
        List<String> lines = Files.readAllLines(keylog).stream().filter(l -> l.startsWith(spis)).toList();
        assertThat(lines).as("a key log line for SPIs " + spis + " in\n" + Files.readString(keylog)).hasSize(1);

        String plain = tshark(cap, List.of());
        assertThat(plain).as("the capture holds the exchange; " + Files.size(cap) + " bytes, tcpdump said: "
                + read(cap.resolveSibling(cap.getFileName() + ".out")) + "\n" + tshark(cap, List.of("-V"))).contains("IKE_AUTH");
        assertThat(plain).as("identities are encrypted without the keys").doesNotContain("left.ike4j.test");

        String decrypted = tshark(cap, List.of("-o", "uat:ikev2_decryption_table:" + lines.getFirst()));
        assertThat(decrypted).as("tshark decrypted IKE_AUTH with the key log line\n" + decrypted)
                .contains("left.ike4j.test")
                .contains("right.ike4j.test");
    }

    /** tcpdump in ike4j's namespace; {@code --immediate-mode}: packets reach the file at once, not after the ring's block timeout. */
    private Process startCapture(Path cap) {
        Path out = cap.resolveSibling(cap.getFileName() + ".out");
        Process p = lab().spawn(lab().namespace(IKE4J_SIDE), Map.of(), out,
                "tcpdump", "-i", lab().outerInterface(IKE4J_SIDE), "-n", "--immediate-mode", "-U", "-w", cap.toString(), "udp");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!read(out).contains("listening on")) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                NetnsLab.stop(p, Duration.ofSeconds(2));
                throw new LabException("tcpdump did not start: " + read(out));
            }
            IkePeer.sleep(50);
        }
        return p;
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code tshark -r CAP -V [OPTIONS]}: the full dissection (UDP 4500 is dissected as NAT-T IKE by default). */
    private static String tshark(Path cap, List<String> options) {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", cap.toString(), "-V"));
        cmd.addAll(options);
        cmd.addAll(List.of("-Y", "isakmp"));
        ExecResult r = Commands.run(Duration.ofSeconds(60), cmd);
        assertThat(r.ok()).as(r.describe()).isTrue();
        return r.stdout();
    }
}
