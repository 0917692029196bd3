package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.interop.NetnsLab.Side;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MOBIKE (RFC 4555) with strongSwan 5.9.8, both roles: the client (LEFT) gets a second address and loses its first
 * one; its daemon notices, sends UPDATE_SA_ADDRESSES, and the gateway moves the IKE SA and the CHILD_SA to the new
 * address. The same IKE SA (SPIs unchanged) carries pings through user-space ESP before and after the move.
 */
class MobikeInteropTest {
    private static final String NEW_ADDRESS = "192.0.2.11";

    @RegisterExtension
    final PeerLogsOnFailure logs = new PeerLogsOnFailure();

    @BeforeEach
    void require() {
        Requirements.assumeInteropAvailable();
    }

    @Test
    void ike4jClientMovesAndStrongSwanFollows() {
        move(true);
    }

    @Test
    void strongSwanClientMovesAndIke4jFollows() {
        move(false);
    }

    private void move(boolean ike4jMoves) {
        try (NetnsLab lab = NetnsLab.direct();
             IkePeer left = logs.watch(ike4jMoves ? new Ike4jPeer(lab, Side.LEFT, conf(lab, Side.LEFT))
                     : new StrongSwanPeer(lab, Side.LEFT, conf(lab, Side.LEFT)));
             IkePeer right = logs.watch(ike4jMoves ? new StrongSwanPeer(lab, Side.RIGHT, conf(lab, Side.RIGHT))
                     : new Ike4jPeer(lab, Side.RIGHT, conf(lab, Side.RIGHT)))) {
            right.start();
            left.start();
            left.initiate(SwanctlConf.CHILD);
            SaView before = right.awaitEstablished(SwanctlConf.CONNECTION, SwanctlConf.CHILD, PeerPair.SETTLE);
            left.awaitEstablished(SwanctlConf.CONNECTION, SwanctlConf.CHILD, PeerPair.SETTLE);
            TrafficProbe.ping(lab, 3);

            // keep the new (secondary) address when the first one goes
            assertThat(lab.exec(Side.LEFT, "sysctl", "-qw", "net.ipv4.conf.eth0.promote_secondaries=1").ok()).isTrue();
            assertThat(lab.exec(Side.LEFT, "ip", "addr", "add", NEW_ADDRESS + "/24", "dev", "eth0").ok()).isTrue();
            assertThat(lab.exec(Side.LEFT, "ip", "addr", "del", "192.0.2.1/24", "dev", "eth0").ok()).isTrue();

            SaView r = right.awaitSa(sa -> sa.established() && NEW_ADDRESS.equals(sa.remoteHost())
                    && sa.installedChild(SwanctlConf.CHILD).isPresent(), "the gateway's SA at " + NEW_ADDRESS, Duration.ofSeconds(40));
            left.awaitSa(sa -> sa.established() && NEW_ADDRESS.equals(sa.localHost()),
                    "the client's SA from " + NEW_ADDRESS, Duration.ofSeconds(20));
            assertThat(r.initiatorSpi()).as("the same IKE SA moved").isEqualTo(before.initiatorSpi());
            // strongSwan's kernel-libipsec cannot update an SA's endpoints: charon rekeys its CHILD_SA after the move,
            // so wait until both sides agree on one CHILD_SA again
            awaitAgreement(left, right, Duration.ofSeconds(30));
            TrafficProbe.ping(lab, 5); // through the moved CHILD_SA, ESP from the new address
        }
    }

    private static void awaitAgreement(IkePeer left, IkePeer right, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        java.util.List<String> last = java.util.List.of("not compared yet");
        while (System.nanoTime() < end) {
            var l = left.ikeSa(SwanctlConf.CONNECTION);
            var r = right.ikeSa(SwanctlConf.CONNECTION);
            if (l.isPresent() && r.isPresent()) {
                last = SaAgreement.disagreements(l.get(), r.get());
                if (last.isEmpty()) return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertThat(last).as("the moved SAs agree").isEmpty();
    }

    /** The client may use any local address; the gateway accepts it from anywhere. */
    private static SwanctlConf conf(NetnsLab lab, Side side) {
        SwanctlConf c = SwanctlConf.forLab(lab, side).proposals("aes256gcm16-prfsha256-x25519").espProposals("aes256gcm16");
        return side == Side.LEFT ? c.localAddrs("%any") : c.remoteAddrs("%any");
    }
}
