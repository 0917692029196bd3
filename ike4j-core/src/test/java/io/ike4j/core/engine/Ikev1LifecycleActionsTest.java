package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.config.AuthConfig;
import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.config.SharedSecret;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * start_action (start, trap + acquire), close_action, dpd_action (RFC 3706) and keyingtries for {@code version = 1}
 * connections, as strongSwan applies them to IKEv1, with two in-process peers and the clock fast-forwarded (default
 * retransmission: 4 s x 1.8, 5 tries, about 165 s until a Phase 1 is given up).
 */
class Ikev1LifecycleActionsTest {

    /** One side's knobs; a is 192.0.2.1 (moon), b 192.0.2.2 (sun). */
    static final class Side {
        ChildConfig.Action start = ChildConfig.Action.NONE;
        ChildConfig.Action close = ChildConfig.Action.NONE;
        ChildConfig.Action dpd = ChildConfig.Action.NONE;
        Duration dpdDelay = Duration.ZERO;
        int keyingTries = 1;
        boolean aggressive;

        EngineConfig config(boolean isA) {
            String self = isA ? "192.0.2.1" : "192.0.2.2", peer = isA ? "192.0.2.2" : "192.0.2.1";
            String lid = isA ? "moon.example.org" : "sun.example.org", rid = isA ? "sun.example.org" : "moon.example.org";
            String lnet = isA ? "10.1.0.0/16" : "10.2.0.0/16", rnet = isA ? "10.2.0.0/16" : "10.1.0.0/16";
            String lnet2 = isA ? "10.11.0.0/16" : "10.12.0.0/16", rnet2 = isA ? "10.12.0.0/16" : "10.11.0.0/16";
            return EngineConfig.builder().secret(SharedSecret.of("a secret shared by moon and sun", lid, rid))
                    .connection(ConnectionConfig.builder("gw").version(1).aggressive(aggressive).localAddrs(self).remoteAddrs(peer)
                            .ikeProposals("aes128-sha256-modp2048").local(AuthConfig.psk(lid)).remote(AuthConfig.psk(rid))
                            .dpdDelay(dpdDelay).dpdTimeout(Duration.ofSeconds(20)).keyingTries(keyingTries)
                            .unique(ConnectionConfig.Unique.NO)
                            .child(child("net", lnet, rnet))
                            .child(child("net2", lnet2, rnet2))
                            .build()).build();
        }

        private ChildConfig child(String name, String local, String remote) {
            return ChildConfig.builder(name).localTs(local).remoteTs(remote).espProposals("aes128-sha256")
                    .startAction(name.equals("net") ? start : ChildConfig.Action.NONE).closeAction(close).dpdAction(dpd).build();
        }
    }

    private static TwoPeers peers(Side a, Side b) throws Exception {
        return new TwoPeers(a.config(true), InetAddress.getByName("192.0.2.1"), b.config(false), InetAddress.getByName("192.0.2.2"));
    }

    private static long established(TwoPeers.Peer p) {
        return p.engine.listSas().stream().filter(i -> i.state().equals("ESTABLISHED")).count();
    }

    private static List<String> childNames(TwoPeers.Peer p) {
        return p.engine.listSas().stream().flatMap(i -> i.children().stream()).map(ChildSaInfo::name).sorted().toList();
    }

    private static long logged(TwoPeers.Peer p, String needle) {
        return List.copyOf(p.log).stream().filter(l -> l.contains(needle)).count();
    }

    private static TwoPeers up(Side a, Side b) throws Exception {
        TwoPeers t = peers(a, b);
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        assertThat(childNames(t.a)).containsExactly("net");
        assertThat(childNames(t.b)).containsExactly("net");
        return t;
    }

    @Test
    void startActionStartRunsMainAndQuickModeOnLoadAndOnlyOnce() throws Exception {
        Side a = new Side();
        a.start = ChildConfig.Action.START;
        TwoPeers t = peers(a, new Side());
        t.input(t.a, new EngineInput.ApplyStartActions());
        t.run(Duration.ofSeconds(1));
        assertThat(logged(t.a, "initiating Main Mode")).isEqualTo(1);
        assertThat(childNames(t.a)).containsExactly("net");
        assertThat(childNames(t.b)).containsExactly("net");
        t.input(t.a, new EngineInput.ApplyStartActions()); // a reload: the CHILD is up, nothing new
        t.run(Duration.ofSeconds(1));
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(logged(t.a, "initiating Quick Mode")).isEqualTo(1);
        assertThat(t.a.engine.listSas()).hasSize(1);
    }

    @Test
    void startActionStartWithAggressiveMode() throws Exception {
        Side a = new Side(), b = new Side();
        a.start = ChildConfig.Action.START;
        a.aggressive = b.aggressive = true;
        TwoPeers t = peers(a, b);
        t.input(t.a, new EngineInput.ApplyStartActions());
        t.run(Duration.ofSeconds(1));
        assertThat(logged(t.a, "Aggressive Mode")).isPositive();
        assertThat(childNames(t.a)).containsExactly("net");
        assertThat(childNames(t.b)).containsExactly("net");
    }

    @Test
    void trapInstallsPolicyAndAcquiresBringTheTunnelUpOnce() throws Exception {
        Side a = new Side();
        a.start = ChildConfig.Action.TRAP;
        TwoPeers t = peers(a, new Side());
        t.input(t.a, new EngineInput.ApplyStartActions());
        assertThat(t.a.engine.listSas()).isEmpty();
        assertThat(t.a.outputs(EngineOutput.SendDatagram.class)).isEmpty();
        TrapPolicy trap = t.a.outputs(EngineOutput.InstallTrap.class).getFirst().trap();
        assertThat(trap.key()).isEqualTo("gw/net");
        assertThat(trap.remote()).isEqualTo(InetAddress.getByName("192.0.2.2"));

        t.input(t.a, new EngineInput.Acquire("gw", "net"));
        t.input(t.a, new EngineInput.Acquire("gw", "net")); // packets keep coming while Main Mode runs
        t.flush();
        t.input(t.a, new EngineInput.Acquire("gw", "net")); // and after the IPsec SA is up
        t.run(Duration.ofSeconds(1));
        assertThat(logged(t.a, "initiating Main Mode")).isEqualTo(1);
        assertThat(logged(t.a, "initiating Quick Mode")).isEqualTo(1);
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(childNames(t.a)).containsExactly("net");
        assertThat(childNames(t.b)).containsExactly("net");
        assertThat(t.a.engine.listSas()).singleElement().satisfies(sa -> assertThat(sa.initiator()).isTrue());
    }

    @Test
    void acquireForAnotherChildRunsQuickModeOnTheEstablishedIsakmpSa() throws Exception {
        TwoPeers t = up(new Side(), new Side());
        t.input(t.a, new EngineInput.Acquire("gw", "net2"));
        t.run(Duration.ofSeconds(1));
        assertThat(t.a.engine.listSas()).hasSize(1);
        assertThat(logged(t.a, "initiating Main Mode")).isEqualTo(1);
        assertThat(childNames(t.a)).containsExactly("net", "net2");
        assertThat(childNames(t.b)).containsExactly("net", "net2");
    }

    @Test
    void acquiresForTwoChildrenWhilePhase1RunsShareOneIsakmpSa() throws Exception {
        TwoPeers t = peers(new Side(), new Side());
        t.input(t.a, new EngineInput.Acquire("gw", "net"));
        t.input(t.a, new EngineInput.Acquire("gw", "net2")); // Main Mode is still on its first message
        t.run(Duration.ofSeconds(1));
        assertThat(t.a.engine.listSas()).hasSize(1);
        assertThat(logged(t.a, "initiating Main Mode")).isEqualTo(1);
        assertThat(childNames(t.a)).containsExactly("net", "net2");
        assertThat(childNames(t.b)).containsExactly("net", "net2");
    }

    /** The peer vanishes once the tunnel is up; DPD (dpd_delay 10 s, dpd_timeout 20 s) declares it dead. */
    private static TwoPeers deadPeer(ChildConfig.Action dpdAction, int keyingTries) throws Exception {
        Side a = new Side();
        a.dpd = dpdAction;
        a.dpdDelay = Duration.ofSeconds(10);
        a.keyingTries = keyingTries;
        TwoPeers t = up(a, new Side());
        t.network = p -> List.of();
        t.run(Duration.ofSeconds(35)); // R-U-THERE at 10 s, unanswered until 30 s
        assertThat(t.a.events(SaEvent.IkeSaClosed.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("DPD"));
        return t;
    }

    @Test
    void dpdActionClearJustRemovesTheSas() throws Exception {
        TwoPeers t = deadPeer(ChildConfig.Action.NONE, 1);
        assertThat(t.a.engine.listSas()).isEmpty();
        assertThat(t.a.outputs(EngineOutput.RemoveChildSa.class)).hasSize(1);
        assertThat(t.a.outputs(EngineOutput.InstallTrap.class)).isEmpty();
        assertThat(logged(t.a, "initiating Main Mode")).isEqualTo(1);
        assertThat(t.a.timers).isEmpty();
    }

    @Test
    void dpdActionTrapInstallsTheTrapAndTheNextPacketReestablishes() throws Exception {
        TwoPeers t = deadPeer(ChildConfig.Action.TRAP, 1);
        assertThat(t.a.engine.listSas()).isEmpty();
        assertThat(t.a.outputs(EngineOutput.InstallTrap.class)).singleElement()
                .satisfies(i -> assertThat(i.trap().key()).isEqualTo("gw/net"));
        assertThat(logged(t.a, "dpd_action trap for CHILD_SA net")).isEqualTo(1);
        t.network = List::of;
        t.input(t.a, new EngineInput.Acquire("gw", "net"));
        t.run(Duration.ofSeconds(1));
        assertThat(established(t.a)).isEqualTo(1);
        assertThat(childNames(t.a)).containsExactly("net");
    }

    @Test
    void dpdActionRestartKeepsTryingAndComesBackWhenThePeerAnswers() throws Exception {
        TwoPeers t = deadPeer(ChildConfig.Action.START, 0);
        assertThat(t.a.engine.listSas()).singleElement().satisfies(i -> assertThat(i.state()).isNotEqualTo("ESTABLISHED"));
        t.run(Duration.ofSeconds(400)); // the link stays down: keyingtries = 0 starts Main Mode again and again
        assertThat(logged(t.a, "peer not responding, trying again (3/forever)")).isEqualTo(1);
        assertThat(t.a.engine.listSas()).hasSize(1);
        t.network = List::of;
        t.run(Duration.ofSeconds(200));
        assertThat(established(t.a)).isEqualTo(1);
        assertThat(childNames(t.a)).containsExactly("net");
        // b saw INITIAL-CONTACT and dropped the ISAKMP SA (and IPsec SA) of the previous incarnation
        assertThat(t.b.engine.listSas()).singleElement().satisfies(i -> assertThat(i.children()).hasSize(1));
    }

    @Test
    void dpdActionRestartOnTheResponderSideInitiatesTowardsThePeer() throws Exception {
        Side b = new Side();
        b.dpd = ChildConfig.Action.START;
        b.dpdDelay = Duration.ofSeconds(10);
        TwoPeers t = up(new Side(), b); // a initiated; b watches it with DPD
        assertThat(t.b.engine.listSas().getFirst().initiator()).isFalse();
        t.network = p -> List.of();
        t.run(Duration.ofSeconds(35));
        assertThat(logged(t.b, "dpd_action restart for CHILD_SA net")).isEqualTo(1);
        t.network = List::of; // back before b's new Main Mode gives up
        t.run(Duration.ofSeconds(60));
        assertThat(t.b.engine.listSas()).filteredOn(sa -> sa.state().equals("ESTABLISHED")).singleElement()
                .satisfies(sa -> assertThat(sa.initiator()).isTrue());
        assertThat(childNames(t.b)).containsExactly("net");
        assertThat(t.a.engine.listSas()).singleElement().satisfies(sa -> assertThat(sa.initiator()).isFalse()); // INITIAL-CONTACT
    }

    @Test
    void keyingTriesLimitsHowOftenAnUnansweredMainModeIsStarted() throws Exception {
        Side a = new Side();
        a.keyingTries = 3;
        TwoPeers t = peers(a, new Side());
        t.network = p -> List.of();
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1000));
        assertThat(logged(t.a, "initiating Main Mode")).isEqualTo(3);
        assertThat(t.a.events(SaEvent.IkeSaFailed.class)).hasSize(3);
        assertThat(logged(t.a, "trying again (3/3)")).isEqualTo(1);
        assertThat(t.a.engine.listSas()).isEmpty();
        assertThat(t.a.timers).isEmpty();
    }

    @Test
    void keyingTriesCarriesQueuedChildrenOverToTheNextAttempt() throws Exception {
        Side a = new Side();
        a.keyingTries = 2;
        TwoPeers t = peers(a, new Side());
        t.network = TwoPeers.dropFirst(6, (i, p) -> true); // the first attempt's message and its 5 retransmits
        t.input(t.a, new EngineInput.Acquire("gw", "net"));
        t.input(t.a, new EngineInput.Acquire("gw", "net2"));
        t.run(Duration.ofSeconds(400));
        assertThat(logged(t.a, "initiating Main Mode")).isEqualTo(2);
        assertThat(childNames(t.a)).containsExactly("net", "net2");
        assertThat(childNames(t.b)).containsExactly("net", "net2");
    }

    @Test
    void closeActionStartRecreatesAnIpsecSaThePeerDeleted() throws Exception {
        Side a = new Side();
        a.close = ChildConfig.Action.START;
        TwoPeers t = up(a, new Side());
        IkeSaInfo b = t.b.engine.listSas().getFirst();
        t.input(t.b, new EngineInput.TerminateChild(b.ikeSaId(), b.children().getFirst().childSaId()));
        t.run(Duration.ofSeconds(1));
        assertThat(logged(t.a, "close_action restart for CHILD_SA net")).isEqualTo(1);
        assertThat(t.a.engine.listSas()).hasSize(1); // Quick Mode on the same ISAKMP SA
        assertThat(logged(t.a, "initiating Main Mode")).isEqualTo(1);
        assertThat(logged(t.a, "initiating Quick Mode")).isEqualTo(2);
        assertThat(childNames(t.a)).containsExactly("net");
        assertThat(childNames(t.b)).containsExactly("net");
    }

    @Test
    void closeActionStartRestartsTheConnectionWhenThePeerDeletesTheIsakmpSa() throws Exception {
        Side a = new Side();
        a.close = ChildConfig.Action.START;
        TwoPeers t = up(a, new Side());
        long first = t.a.engine.listSas().getFirst().ikeSaId();
        // b deletes the IPsec SA, then the ISAKMP SA (RFC 2409 5.7), each in its own Informational exchange
        t.input(t.b, new EngineInput.TerminateIke(t.b.engine.listSas().getFirst().ikeSaId()));
        t.run(Duration.ofSeconds(1));
        assertThat(t.a.engine.listSas()).singleElement().satisfies(sa -> {
            assertThat(sa.ikeSaId()).isNotEqualTo(first);
            assertThat(sa.state()).isEqualTo("ESTABLISHED");
            assertThat(sa.initiator()).isTrue();
        });
        assertThat(childNames(t.a)).containsExactly("net");
        assertThat(childNames(t.b)).containsExactly("net");
        assertThat(t.b.engine.listSas()).hasSize(1);
    }

    @Test
    void closeActionTrapInstallsTheTrapWhenThePeerDeletes() throws Exception {
        Side a = new Side();
        a.close = ChildConfig.Action.TRAP;
        TwoPeers t = up(a, new Side());
        t.input(t.b, new EngineInput.TerminateIke(t.b.engine.listSas().getFirst().ikeSaId()));
        t.run(Duration.ofSeconds(1));
        assertThat(t.a.engine.listSas()).isEmpty();
        assertThat(t.a.outputs(EngineOutput.InstallTrap.class)).isNotEmpty()
                .allSatisfy(i -> assertThat(i.trap().key()).isEqualTo("gw/net"));
        assertThat(logged(t.a, "initiating Main Mode")).isEqualTo(1);
    }

    @Test
    void closeActionIsNotTriggeredByTheDeleteThatEndsAQuickModeRekey() throws Exception {
        Side b = new Side();
        b.close = ChildConfig.Action.START;
        TwoPeers t = up(new Side(), b);
        IkeSaInfo sa = t.a.engine.listSas().getFirst();
        long child = sa.children().getFirst().childSaId();
        TimerId rekey = new TimerId(sa.ikeSaId(), TimerId.TimerKind.CHILD_REKEY, child);
        t.a.timers.remove(rekey);
        t.input(t.a, new EngineInput.TimerFired(rekey)); // a rekeys, then deletes the old pair
        t.run(Duration.ofSeconds(1));
        assertThat(logged(t.b, "close_action")).isZero();
        assertThat(logged(t.b, "initiating Quick Mode")).isZero();
        assertThat(childNames(t.a)).containsExactly("net");
        assertThat(childNames(t.b)).containsExactly("net");
        assertThat(t.a.engine.listSas().getFirst().children().getFirst().childSaId()).isNotEqualTo(child);
    }
}
