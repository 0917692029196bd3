package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.interop.NetnsLab.Side;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ike4j ↔ ike4j over user-space ESP ({@code --dataplane userspace}), each daemon in its own namespace on a direct
 * link (no NAT, so the IKE SA stays on port 500 and negotiates no UDP encapsulation, and both data planes send plain
 * ESP, IP protocol 50, through raw sockets): a ping and a 20 MB TCP transfer (SHA-256 at both ends) cross the tunnel,
 * tcpdump on the link sees ESP and no UDP on port 4500, and both daemons' counters mirror each other.
 */
class Ike4jTrafficTest {
    private static final long BYTES = 20L << 20;

    @RegisterExtension
    final PeerLogsOnFailure logs = new PeerLogsOnFailure();

    @BeforeEach
    void require() {
        Requirements.assumeInteropAvailable();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"aes256gcm16", "chacha20poly1305", "aes128-sha256"})
    void pingAndTransferCrossTwoIke4jDaemons(String esp) {
        try (NetnsLab lab = NetnsLab.direct();
             Ike4jPeer left = logs.watch(new Ike4jPeer(lab, Side.LEFT, conf(lab, Side.LEFT, esp), USERSPACE));
             Ike4jPeer right = logs.watch(new Ike4jPeer(lab, Side.RIGHT, conf(lab, Side.RIGHT, esp), USERSPACE))) {
            TrafficProbe.requireTcpdump();
            right.start();
            left.start();
            assertThat(left.log()).contains("data plane: user-space ESP over TUN ike4j0")
                    .contains("plain ESP over raw sockets without NAT").contains("--dataplane userspace");
            left.initiate(SwanctlConf.CHILD);
            SaView l = left.awaitEstablished(SwanctlConf.CONNECTION, SwanctlConf.CHILD, PeerPair.SETTLE);
            SaView r = right.awaitEstablished(SwanctlConf.CONNECTION, SwanctlConf.CHILD, PeerPair.SETTLE);
            assertThat(SaAgreement.disagreements(l, r)).isEmpty();
            assertThat(l.installedChild(SwanctlConf.CHILD).orElseThrow().encap()).as("no NAT: no UDP encapsulation negotiated")
                    .isFalse();

            List<String> wire;
            try (TrafficProbe.Capture capture = TrafficProbe.Capture.start(lab, esp, lab.namespace(Side.LEFT),
                    lab.outerInterface(Side.LEFT))) {
                TrafficProbe.ping(lab, 5);
                TrafficProbe.Transfer t = TrafficProbe.transfer(lab, BYTES, 42, Duration.ofMinutes(3));
                assertThat(t.received()).isEqualTo(t.sent());
                assertThat(t.sent()).startsWith(BYTES + " ");
                wire = capture.stop();
            }
            // RFC 7296 2.23: no NAT, no encapsulation: ESP is IP protocol 50 on the wire, nothing goes to port 4500
            assertThat(wire.stream().filter(w -> w.contains(": ESP(spi=")).count()).isGreaterThan(BYTES / 1500);
            // (an address's port is ".4500:" or ".4500 >"; the timestamps' fractions must not count)
            assertThat(wire).noneMatch(w -> w.matches(".*\\.4500[: ].*") || w.contains("UDP-encap"));
            // a receiver that falls behind under a burst may make the kernel answer "protocol 50 unreachable" (a raw
            // socket with a full queue does not count as one); TCP recovers, as from any drop
            assertThat(wire).allMatch(w -> w.contains(": ESP(spi=") || w.contains("isakmp")
                    || w.contains("protocol 50 unreachable"), "only ESP and IKE on the link");

            TrafficProbe.Counters[] c = TrafficProbe.settledCounters(left, right, SwanctlConf.CONNECTION, SwanctlConf.CHILD,
                    Duration.ofSeconds(20));
            assertThat(c[0].bytesOut()).isGreaterThan(BYTES);
            assertThat(c[1].bytesIn()).isGreaterThan(BYTES).isLessThanOrEqualTo(c[0].bytesOut());
            TrafficProbe.ping(lab, 10);
            TrafficProbe.Counters[] after = TrafficProbe.settledCounters(left, right, SwanctlConf.CONNECTION,
                    SwanctlConf.CHILD, Duration.ofSeconds(20));
            assertThat(after[0].minus(c[0])).isEqualTo(new TrafficProbe.Counters(840, 10, 840, 10));
            assertThat(after[1].minus(c[1])).isEqualTo(new TrafficProbe.Counters(840, 10, 840, 10));

            left.terminate(SwanctlConf.CONNECTION);
            left.awaitNoSas(PeerPair.SETTLE);
            right.awaitNoSas(PeerPair.SETTLE);
            ExecResult route = lab.exec(Side.LEFT, "ip", "route", "show", "10.2.0.0/16");
            assertThat(route.stdout()).as("the route into the TUN goes with the last CHILD_SA").isBlank();
        }
    }

    /**
     * A CHILD_SA the data plane refuses (user-space ESP is tunnel mode only; transport mode was negotiated) is never
     * listed as installed: the daemon logs the refusal and deletes the CHILD_SA with the peer; the IKE SA stays.
     */
    @Test
    void aChildSaTheDataPlaneRefusesIsNotListedAndIsDeleted() {
        try (NetnsLab lab = NetnsLab.direct();
             Ike4jPeer left = logs.watch(new Ike4jPeer(lab, Side.LEFT, conf(lab, Side.LEFT, "aes256gcm16")
                     .mode("transport"), USERSPACE));
             Ike4jPeer right = logs.watch(new Ike4jPeer(lab, Side.RIGHT, conf(lab, Side.RIGHT, "aes256gcm16")
                     .mode("transport"), USERSPACE))) {
            right.start();
            left.start();
            left.tryInitiate(SwanctlConf.CHILD);
            for (Ike4jPeer p : List.of(left, right)) {
                long deadline = System.nanoTime() + PeerPair.SETTLE.toNanos();
                while (!p.log().contains("not installed, deleting it") && System.nanoTime() < deadline) IkePeer.sleep(100);
                assertThat(p.log()).as(p.name()).contains("CHILD_SA " + SwanctlConf.CHILD + " not installed, deleting it")
                        .contains("tunnel");
                SaView sa = p.awaitSa(v -> SwanctlConf.CONNECTION.equals(v.name()) && v.established()
                        && v.child(SwanctlConf.CHILD).isEmpty(), "the IKE SA without its CHILD_SA", PeerPair.SETTLE);
                assertThat(sa.installedChild(SwanctlConf.CHILD)).isEmpty();
            }
        }
    }

    private static final Ike4jPeer.Options USERSPACE = Ike4jPeer.Options.defaults().withDataplane("userspace");

    private static SwanctlConf conf(NetnsLab lab, Side side, String esp) {
        return SwanctlConf.forLab(lab, side).proposals("aes256gcm16-prfsha256-x25519").espProposals(esp);
    }
}
