package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.interop.NetnsLab.Side;
import io.ike4j.interop.PeerPair.Direction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * IKEv1 rekeying with strongSwan 5.9.8 while a ping runs through ike4j's user-space ESP and strongSwan's
 * kernel-libipsec, each initiated by either side: no ping may be lost (but for strongSwan's Quick Mode rekeys, see
 * there), and one ISAKMP SA with one IPsec SA pair is left on both sides.
 * <ul>
 *   <li>phase 2: a new Quick Mode every 2-3 s (RFC 2409 5.5) by the side that set up the SA;</li>
 *   <li>phase 1: IKEv1 has no in-place ISAKMP SA rekey, so both implementations reauthenticate make-before-break:
 *       a new Main Mode and Quick Mode, then the old ISAKMP SA (and its IPsec SAs) deleted. strongSwan needs
 *       {@code make_before_break = yes} (its default deletes first).</li>
 * </ul>
 * strongSwan keeps a rekeyed IKEv1 IPsec SA until its hard lifetime unless {@code delete_rekeyed = yes}; with it,
 * it deletes the old SA right after the new Quick Mode (ike4j after a grace period of 1 s), so both sides converge on
 * one pair.
 */
class Ikev1RekeyInteropTest extends SharedDirectLab {
    private static final String IKE = "aes128-sha256-modp2048";
    private static final String ESP = "aes128-sha256";

    @Override
    StrongSwanPeer.Options strongSwanOptions() {
        return StrongSwanPeer.Options.defaults().withCharonSettings("make_before_break = yes\ndelete_rekeyed = yes");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void quickModeRekeysLoseNoPing(Direction d) throws Exception {
        String conn = freshConnection();
        Side rekeying = pair.side(pair.initiator(d));
        // only the initiator rekeys its IPsec SA (every 2-3 s); the other side never does on its own
        load(conn, rekeying, "rekey_time = 0\nreauth_time = 0", "rekey_time = 0\nreauth_time = 0",
                "rekey_time = 3s\nrand_time = 1s\nlife_time = 30s", "rekey_time = 0\nlife_time = 60s");
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        // no snapshot comparison: with rekeys every 2-3 s one may be under way between the two sides' listings
        pair.initiator(d).initiate(CHILD);
        SaView first = pair.initiator(d).awaitEstablished(conn, CHILD, PeerPair.SETTLE);
        pair.responder(d).awaitEstablished(conn, CHILD, PeerPair.SETTLE);
        String firstSpi = first.installedChild(CHILD).orElseThrow().spiIn();
        Path out = lab().dir("ping").resolve(conn + ".txt");
        Process ping = RekeyLab.startPing(lab(), 120, out); // 12 s: several Quick Mode rekeys
        // strongSwan as Quick Mode initiator installs (and sends on) the new pair on message 2 and deletes the old one
        // right after message 3 (delete_rekeyed); ike4j as responder installs it when it sends message 2 with the
        // outbound deferred and sends on it once message 3 arrives. ike4j as initiator installs with the outbound
        // deferred too (strongSwan installs only on message 3) and keeps the old pair for a grace period, then
        // removes it and sends its Delete (V1Handover): no ping may be lost there.
        // Known gap, strongSwan initiating: it removes its old inbound SA the moment it sends the Delete, 1-6 ms after
        // message 3 (seen in the logs); what ike4j sent on the old pair in that window (before message 3 or the
        // Delete reached it) is lost: 0 lost in 2 runs, 2 in a third. Closing it needs strongSwan to keep the old
        // inbound SA a moment (it does for IKEv2 only, delete_rekeyed_delay), so that direction tolerates 2.
        RekeyLab.awaitPing(ping, out, d == Direction.IKE4J_INITIATES ? 0 : 2);
        if (d == Direction.IKE4J_INITIATES) {
            assertThat(count(ike4jLog.text(), "initiating Quick Mode")).as("Quick Modes ike4j initiated").isGreaterThanOrEqualTo(3);
        } else {
            assertThat(count(swanLog.text(), "generating QUICK_MODE request")).as("Quick Modes strongSwan initiated").isGreaterThanOrEqualTo(3);
        }
        String ike4jSpiBefore = pair.ike4j().ikeSa(conn).orElseThrow().initiatorSpi();
        assertOneAgreedSa(conn);
        SaView now = pair.ike4j().ikeSa(conn).orElseThrow();
        assertThat(now.initiatorSpi()).as("the same ISAKMP SA").isEqualTo(ike4jSpiBefore);
        assertThat(now.children().getFirst().spiIn()).as("a new IPsec SA").isNotEqualTo(firstSpi);
        pair.terminate(d, conn);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void phase1ReauthenticationMakeBeforeBreakLosesNoPing(Direction d) throws Exception {
        String conn = freshConnection();
        Side reauthenticating = pair.side(pair.initiator(d));
        // the initiator reauthenticates every 6-7 s; no IPsec SA rekeys on their own. over_time 4 s: an ISAKMP SA
        // expires at 10-11 s, while the ping runs (strongSwan's IPsec SAs have moved to its successor by then)
        load(conn, reauthenticating, "rekey_time = 0\nreauth_time = 7s\nrand_time = 1s\nover_time = 4s",
                "rekey_time = 0\nreauth_time = 0", "rekey_time = 0\nlife_time = 0", "rekey_time = 0\nlife_time = 0");
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        PeerPair.Agreed first = pair.establish(d, conn, CHILD);
        Path out = lab().dir("ping").resolve(conn + ".txt");
        Process ping = RekeyLab.startPing(lab(), 160, out); // 16 s: two reauthentications
        // ike4j reauthenticating: the new pair's outbound deferred, the old ISAKMP SA and its pair kept for a grace period
        RekeyLab.awaitPing(ping, out, 0);
        String log = d == Direction.IKE4J_INITIATES ? ike4jLog.text() : swanLog.text();
        assertThat(count(log, "reauthenticating IKE_SA")).as("reauthentications by the initiator").isGreaterThanOrEqualTo(2);
        if (d == Direction.STRONGSWAN_INITIATES) {
            // strongSwan 5.9.8 reauthenticates IKEv1 by a new Main Mode only ("nothing to initiate": make_before_break
            // is IKEv2's); the old ISAKMP SA lives on to its hard lifetime (reauth_time + over_time), and every new
            // ISAKMP SA schedules its own reauthentication: there is never just one ISAKMP SA while that timer runs.
            // ike4j follows it: one agreed IPsec SA pair, and no ISAKMP SA strongSwan does not have too.
            // strongSwan moves its IPsec SAs onto the new ISAKMP SA; ike4j adopts them into its successor too when the
            // old one expires or is deleted (before, they were removed then: 63 of 160 pings lost with over_time 4 s).
            assertAgreedIpsecSaAndNoStaleIsakmpSa(conn);
            pair.reset();
            return;
        }
        assertOneAgreedSa(conn);
        SaView now = pair.ike4j().ikeSa(conn).orElseThrow();
        SaView before = first.initiator();
        assertThat(now.initiatorSpi()).as("a new ISAKMP SA").isNotEqualTo(before.initiatorSpi());
        assertThat(now.initiator()).as("the roles are kept").isEqualTo(d == Direction.IKE4J_INITIATES);
        pair.reset();
    }

    /**
     * Loads connection {@code conn} (IKEv1) on both sides: {@code side} gets the first IKE/CHILD settings, the
     * other side the second ones.
     */
    private void load(String conn, Side side, String ikeSettings, String otherIkeSettings, String childSettings,
            String otherChildSettings) {
        RekeyLab.load(pair, s -> SwanctlConf.forLab(lab(), s).connection(conn).version(1).proposals(IKE).espProposals(ESP).render(),
                s -> s == side ? ikeSettings : otherIkeSettings, s -> s == side ? childSettings : otherChildSettings,
                "swanctl-v1rekey.conf");
    }

    private static long count(String log, String needle) {
        return log.lines().filter(l -> l.contains(needle)).count();
    }

    /** At one moment both sides list one ISAKMP SA of {@code conn} with one INSTALLED IPsec SA pair, the same one. */
    private void assertOneAgreedSa(String conn) {
        String last = "";
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (System.nanoTime() < deadline) {
            List<SaView> l = pair.ike4j().listSas().stream().filter(sa -> conn.equals(sa.name())).toList();
            List<SaView> r = pair.strongSwan().listSas().stream().filter(sa -> conn.equals(sa.name())).toList();
            last = "\n  ike4j: " + l + "\n  strongSwan: " + r;
            if (l.size() == 1 && r.size() == 1 && installed(l.getFirst()).size() == 1 && installed(r.getFirst()).size() == 1
                    && l.getFirst().children().size() == 1) {
                ChildSaView lc = installed(l.getFirst()).getFirst(), rc = installed(r.getFirst()).getFirst();
                if (l.getFirst().initiatorSpi().equals(r.getFirst().initiatorSpi()) && lc.spiIn().equals(rc.spiOut())
                        && lc.spiOut().equals(rc.spiIn())) {
                    return;
                }
            }
            IkePeer.sleep(300);
        }
        throw new AssertionError("never one agreed ISAKMP SA with one IPsec SA pair on both sides; last seen:" + last);
    }

    /** Both sides have one INSTALLED IPsec SA pair of {@code conn}, the same, and ike4j no ISAKMP SA strongSwan lacks. */
    private void assertAgreedIpsecSaAndNoStaleIsakmpSa(String conn) {
        String last = "";
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (System.nanoTime() < deadline) {
            List<SaView> l = pair.ike4j().listSas().stream().filter(sa -> conn.equals(sa.name())).toList();
            List<SaView> r = pair.strongSwan().listSas().stream().filter(sa -> conn.equals(sa.name())).toList();
            last = "\n  ike4j: " + l + "\n  strongSwan: " + r;
            List<ChildSaView> lc = l.stream().flatMap(sa -> installed(sa).stream()).toList();
            List<ChildSaView> rc = r.stream().flatMap(sa -> installed(sa).stream()).toList();
            java.util.Set<String> swanSpis = r.stream().map(SaView::initiatorSpi).collect(java.util.stream.Collectors.toSet());
            if (lc.size() == 1 && rc.size() == 1 && lc.getFirst().spiIn().equals(rc.getFirst().spiOut())
                    && lc.getFirst().spiOut().equals(rc.getFirst().spiIn())
                    && l.stream().allMatch(sa -> swanSpis.contains(sa.initiatorSpi()))) {
                return;
            }
            IkePeer.sleep(300);
        }
        throw new AssertionError("never one agreed IPsec SA pair without stale ISAKMP SAs; last seen:" + last);
    }

    private static List<ChildSaView> installed(SaView sa) {
        return sa.children().stream().filter(c -> "INSTALLED".equals(c.state())).toList();
    }
}
