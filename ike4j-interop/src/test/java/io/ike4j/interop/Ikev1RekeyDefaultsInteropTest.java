package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.interop.NetnsLab.Side;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * strongSwan 5.9.8 rekeying IKEv1 IPsec SAs with its default settings ({@code delete_rekeyed = no}: a rekeyed IPsec
 * SA stays until its hard lifetime) while a ping runs: no ping may be lost. {@link Ikev1RekeyInteropTest} runs the
 * same with {@code delete_rekeyed = yes}, where strongSwan removes its old inbound SA the moment it sends message 3,
 * so what ike4j sent on the old pair in the next milliseconds is lost whatever ike4j does; strongSwan's default keeps
 * that SA, and ike4j (Quick Mode responder: new pair installed at message 2, outbound switched at message 3) loses
 * nothing.
 */
class Ikev1RekeyDefaultsInteropTest extends SharedDirectLab {
    private static final String IKE = "aes128-sha256-modp2048";
    private static final String ESP = "aes128-sha256";

    @Test
    void strongSwanQuickModeRekeysWithItsDefaultsLoseNoPing() throws Exception {
        String conn = freshConnection();
        Side swan = IKE4J_SIDE.other();
        // strongSwan initiates and rekeys every 2-3 s; its old pairs expire after 8 s (and are then deleted with a
        // Delete); ike4j never rekeys on its own
        RekeyLab.load(pair, s -> SwanctlConf.forLab(lab(), s).connection(conn).version(1).proposals(IKE).espProposals(ESP).render(),
                s -> "rekey_time = 0\nreauth_time = 0",
                s -> s == swan ? "rekey_time = 3s\nrand_time = 1s\nlife_time = 8s" : "rekey_time = 0\nlife_time = 60s",
                "swanctl-v1rekey-defaults.conf");
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        pair.strongSwan().initiate(CHILD);
        pair.strongSwan().awaitEstablished(conn, CHILD, PeerPair.SETTLE);
        pair.ike4j().awaitEstablished(conn, CHILD, PeerPair.SETTLE);
        Path out = lab().dir("ping").resolve(conn + ".txt");
        Process ping = RekeyLab.startPing(lab(), 120, out); // 12 s: several Quick Mode rekeys, some old pairs expiring
        RekeyLab.awaitPing(ping, out, 0);
        assertThat(swanLog.text().lines().filter(l -> l.contains("generating QUICK_MODE request")).count())
                .as("Quick Modes strongSwan initiated").isGreaterThanOrEqualTo(3);
        assertSameInstalledPairs(conn);
        pair.terminate(PeerPair.Direction.STRONGSWAN_INITIATES, conn);
    }

    /** At one moment both sides list one ISAKMP SA of {@code conn} and the same set of INSTALLED IPsec SA pairs. */
    private void assertSameInstalledPairs(String conn) {
        String last = "";
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (System.nanoTime() < deadline) {
            List<SaView> l = pair.ike4j().listSas().stream().filter(sa -> conn.equals(sa.name())).toList();
            List<SaView> r = pair.strongSwan().listSas().stream().filter(sa -> conn.equals(sa.name())).toList();
            last = "\n  ike4j: " + l + "\n  strongSwan: " + r;
            if (l.size() == 1 && r.size() == 1 && l.getFirst().initiatorSpi().equals(r.getFirst().initiatorSpi())) {
                Set<String> ours = pairs(l.getFirst(), false), theirs = pairs(r.getFirst(), true);
                if (!ours.isEmpty() && ours.equals(theirs)) return;
            }
            IkePeer.sleep(300);
        }
        throw new AssertionError("the two sides never listed the same IPsec SA pairs; last seen:" + last);
    }

    /** The INSTALLED pairs as "in/out" from ike4j's point of view ({@code mirrored}: listed by the peer). */
    private static Set<String> pairs(SaView sa, boolean mirrored) {
        return sa.children().stream().filter(c -> "INSTALLED".equals(c.state()))
                .map(c -> mirrored ? c.spiOut() + "/" + c.spiIn() : c.spiIn() + "/" + c.spiOut()).collect(Collectors.toSet());
    }
}
