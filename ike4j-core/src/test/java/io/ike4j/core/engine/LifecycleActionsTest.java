package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.config.AuthConfig;
import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.config.SharedSecret;
import io.ike4j.core.policy.TrafficSelector;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * start_action (start, trap + acquire), close_action, dpd_action and keyingtries with two in-process peers and the
 * clock fast-forwarded (default retransmission: 4 s x 1.8, 5 tries, about 165 s until a dead peer is declared).
 */
class LifecycleActionsTest {

    /** One side's knobs; a is 192.0.2.1 (moon), b 192.0.2.2 (sun). */
    static final class Side {
        ChildConfig.Action start = ChildConfig.Action.NONE;
        ChildConfig.Action close = ChildConfig.Action.NONE;
        ChildConfig.Action dpd = ChildConfig.Action.NONE;
        Duration dpdDelay = Duration.ZERO;
        int keyingTries = 1;
        ConnectionConfig.Unique unique = ConnectionConfig.Unique.NO;
        boolean concreteRemote = true;
        ConnectionConfig.Childless childless = ConnectionConfig.Childless.ALLOW;

        EngineConfig config(boolean isA) {
            String self = isA ? "192.0.2.1" : "192.0.2.2", peer = isA ? "192.0.2.2" : "192.0.2.1";
            String lid = isA ? "moon.example.org" : "sun.example.org", rid = isA ? "sun.example.org" : "moon.example.org";
            String lnet = isA ? "10.1.0.0/16" : "10.2.0.0/16", rnet = isA ? "10.2.0.0/16" : "10.1.0.0/16";
            String lnet2 = isA ? "10.11.0.0/16" : "10.12.0.0/16", rnet2 = isA ? "10.12.0.0/16" : "10.11.0.0/16";
            return EngineConfig.builder().secret(SharedSecret.of("a secret shared by moon and sun", lid, rid))
                    .connection(ConnectionConfig.builder("gw").localAddrs(self).remoteAddrs(concreteRemote ? peer : "%any")
                            .ikeProposals("aes256gcm16-prfsha256-x25519").local(AuthConfig.psk(lid)).remote(AuthConfig.psk(rid))
                            .dpdDelay(dpdDelay).keyingTries(keyingTries).unique(unique).childless(childless)
                            .child(child("net", lnet, rnet))
                            .child(child("net2", lnet2, rnet2))
                            .build()).build();
        }

        private ChildConfig child(String name, String local, String remote) {
            return ChildConfig.builder(name).localTs(local).remoteTs(remote).espProposals("aes128gcm16-x25519")
                    .startAction(name.equals("net") ? start : ChildConfig.Action.NONE).closeAction(close).dpdAction(dpd).build();
        }
    }

    private static TwoPeers peers(Side a, Side b) throws Exception {
        return new TwoPeers(a.config(true), InetAddress.getByName("192.0.2.1"), b.config(false), InetAddress.getByName("192.0.2.2"));
    }

    private static Side responder() {
        Side b = new Side();
        b.concreteRemote = false;
        return b;
    }

    private static long established(TwoPeers.Peer p) {
        return p.engine.listSas().stream().filter(i -> i.state().equals("ESTABLISHED")).count();
    }

    private static List<String> childNames(TwoPeers.Peer p) {
        return p.engine.listSas().stream().flatMap(i -> i.children().stream()).map(ChildSaInfo::name).sorted().toList();
    }

    @Test
    void startActionStartInitiatesOnLoadAndOnlyOnce() throws Exception {
        Side a = new Side();
        a.start = ChildConfig.Action.START;
        TwoPeers t = peers(a, responder());
        t.input(t.a, new EngineInput.ApplyStartActions());
        t.run(Duration.ofSeconds(1));
        assertThat(childNames(t.a)).containsExactly("net");
        assertThat(childNames(t.b)).containsExactly("net");
        t.input(t.a, new EngineInput.ApplyStartActions()); // a reload: the CHILD is up, nothing new
        t.run(Duration.ofSeconds(1));
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(t.a.engine.listSas()).hasSize(1);
    }

    @Test
    void trapInstallsPolicyAndAnAcquireBringsTheTunnelUpOnce() throws Exception {
        Side a = new Side();
        a.start = ChildConfig.Action.TRAP;
        TwoPeers t = peers(a, responder());
        t.input(t.a, new EngineInput.ApplyStartActions());
        assertThat(t.a.engine.listSas()).isEmpty();
        TrapPolicy trap = t.a.outputs(EngineOutput.InstallTrap.class).getFirst().trap();
        assertThat(trap.key()).isEqualTo("gw/net");
        assertThat(trap.remote()).isEqualTo(InetAddress.getByName("192.0.2.2"));
        assertThat(trap.localSelectors()).singleElement().satisfies(ts -> assertThat(TrafficSelector.fromSubstructure(ts).orElseThrow().toString()).isEqualTo("10.1.0.0/16"));
        assertThat(trap.remoteSelectors()).singleElement().satisfies(ts -> assertThat(TrafficSelector.fromSubstructure(ts).orElseThrow().toString()).isEqualTo("10.2.0.0/16"));

        t.input(t.a, new EngineInput.Acquire("gw", "net"));
        t.input(t.a, new EngineInput.Acquire("gw", "net")); // packets keep coming while IKE_SA_INIT is out
        t.run(Duration.ofSeconds(1));
        t.input(t.a, new EngineInput.Acquire("gw", "net")); // a late acquire after the CHILD_SA is up
        t.run(Duration.ofSeconds(1));
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(childNames(t.a)).containsExactly("net");
        assertThat(childNames(t.b)).containsExactly("net");
    }

    @Test
    void acquireForAnotherChildUsesCreateChildSaOnTheIkeSa() throws Exception {
        TwoPeers t = peers(new Side(), responder());
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        t.input(t.a, new EngineInput.Acquire("gw", "net2"));
        t.run(Duration.ofSeconds(1));
        assertThat(t.a.engine.listSas()).hasSize(1);
        assertThat(childNames(t.a)).containsExactly("net", "net2");
        assertThat(childNames(t.b)).containsExactly("net", "net2");
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
    }

    @Test
    void acquiresForTwoChildrenWhileConnectingShareOneIkeSa() throws Exception {
        TwoPeers t = peers(new Side(), responder());
        t.input(t.a, new EngineInput.Acquire("gw", "net"));
        t.input(t.a, new EngineInput.Acquire("gw", "net2")); // the IKE SA is still in IKE_SA_INIT
        t.run(Duration.ofSeconds(1));
        assertThat(t.a.engine.listSas()).hasSize(1);
        assertThat(childNames(t.a)).containsExactly("net", "net2");
        assertThat(childNames(t.b)).containsExactly("net", "net2");
    }

    @Test
    void acquireForUnknownChildIsIgnored() throws Exception {
        TwoPeers t = peers(new Side(), responder());
        t.input(t.a, new EngineInput.Acquire("gw", "nope"));
        t.input(t.a, new EngineInput.Acquire("nope", "net"));
        assertThat(t.a.outputs(EngineOutput.SendDatagram.class)).isEmpty();
    }

    @Test
    void reloadRemovesTrapsOfChildrenThatAreGone() throws Exception {
        Side a = new Side();
        a.start = ChildConfig.Action.TRAP;
        TwoPeers t = peers(a, responder());
        t.input(t.a, new EngineInput.ApplyStartActions());
        t.a.engine.reconfigure(EngineConfig.builder().build());
        t.input(t.a, new EngineInput.ApplyStartActions());
        assertThat(t.a.outputs(EngineOutput.RemoveTrap.class)).singleElement()
                .satisfies(r -> assertThat(r.trap().key()).isEqualTo("gw/net"));
    }

    /** The peer vanishes; a's liveness check goes unanswered through all retransmissions. */
    private static TwoPeers deadPeer(ChildConfig.Action dpdAction) throws Exception {
        Side a = new Side();
        a.dpd = dpdAction;
        a.dpdDelay = Duration.ofSeconds(10);
        TwoPeers t = peers(a, responder());
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        assertThat(established(t.a)).isEqualTo(1);
        t.network = p -> List.of();
        t.run(Duration.ofSeconds(200)); // 10 s dpd_delay + ~165 s of retransmissions
        assertThat(t.a.events(SaEvent.IkeSaClosed.class)).hasSize(1);
        return t;
    }

    @Test
    void dpdActionClearJustDeletesTheSas() throws Exception {
        TwoPeers t = deadPeer(ChildConfig.Action.NONE);
        assertThat(t.a.engine.listSas()).isEmpty();
        assertThat(t.a.outputs(EngineOutput.RemoveChildSa.class)).hasSize(1);
        assertThat(t.a.outputs(EngineOutput.InstallTrap.class)).isEmpty();
        assertThat(t.a.timers).isEmpty();
    }

    @Test
    void dpdActionTrapInstallsTheTrapPolicy() throws Exception {
        TwoPeers t = deadPeer(ChildConfig.Action.TRAP);
        assertThat(t.a.engine.listSas()).isEmpty();
        assertThat(t.a.outputs(EngineOutput.InstallTrap.class)).singleElement()
                .satisfies(i -> assertThat(i.trap().key()).isEqualTo("gw/net"));
        t.network = List::of; // the link is back: the next packet's acquire brings the tunnel up again
        t.input(t.a, new EngineInput.Acquire("gw", "net"));
        t.run(Duration.ofSeconds(1));
        assertThat(established(t.a)).isEqualTo(1);
        assertThat(childNames(t.a)).containsExactly("net");
    }

    @Test
    void dpdActionRestartReinitiatesAndComesBackWhenThePeerAnswersAgain() throws Exception {
        TwoPeers t = deadPeer(ChildConfig.Action.START);
        // the restarted IKE SA is trying (its own retransmissions); the link returns before it gives up
        assertThat(t.a.engine.listSas()).singleElement().satisfies(i -> assertThat(i.state()).isEqualTo("CONNECTING"));
        t.network = List::of;
        t.run(Duration.ofSeconds(120));
        assertThat(established(t.a)).isEqualTo(1);
        assertThat(childNames(t.a)).containsExactly("net");
        // b saw INITIAL_CONTACT and dropped the stale IKE SA of the previous incarnation
        assertThat(t.b.engine.listSas()).singleElement().satisfies(i -> assertThat(i.children()).hasSize(1));
    }

    @Test
    void closeActionStartRecreatesAChildTheRespondingPeerDeleted() throws Exception {
        Side a = new Side();
        a.close = ChildConfig.Action.START;
        TwoPeers t = peers(a, responder());
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        IkeSaInfo sb = t.b.engine.listSas().getFirst();
        t.input(t.b, new EngineInput.TerminateChild(sb.ikeSaId(), sb.children().getFirst().childSaId()));
        t.run(Duration.ofSeconds(1));
        assertThat(t.a.events(SaEvent.ChildSaClosed.class)).hasSize(1);
        assertThat(t.a.events(SaEvent.ChildSaEstablished.class)).hasSize(2); // again, with CREATE_CHILD_SA
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(childNames(t.b)).containsExactly("net");
    }

    @Test
    void closeActionStartReinitiatesWhenThePeerDeletesTheIkeSa() throws Exception {
        Side a = new Side();
        a.close = ChildConfig.Action.START;
        TwoPeers t = peers(a, responder());
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        t.input(t.b, new EngineInput.TerminateIke(t.b.engine.listSas().getFirst().ikeSaId()));
        t.run(Duration.ofSeconds(1));
        assertThat(t.a.events(SaEvent.IkeSaClosed.class)).hasSize(1);
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).hasSize(2);
        assertThat(childNames(t.a)).containsExactly("net");
        assertThat(childNames(t.b)).containsExactly("net");
    }

    @Test
    void closeActionTrapInstallsTheTrapAndNoneDoesNothing() throws Exception {
        for (ChildConfig.Action action : List.of(ChildConfig.Action.TRAP, ChildConfig.Action.NONE)) {
            Side a = new Side();
            a.close = action;
            TwoPeers t = peers(a, responder());
            t.input(t.a, new EngineInput.Initiate("gw", "net"));
            t.run(Duration.ofSeconds(1));
            t.input(t.b, new EngineInput.TerminateIke(t.b.engine.listSas().getFirst().ikeSaId()));
            t.run(Duration.ofSeconds(1));
            assertThat(t.a.engine.listSas()).isEmpty();
            assertThat(t.a.outputs(EngineOutput.InstallTrap.class)).hasSize(action == ChildConfig.Action.TRAP ? 1 : 0);
        }
    }

    @Test
    void ourOwnTerminateDoesNotTriggerCloseAction() throws Exception {
        Side a = new Side();
        a.close = ChildConfig.Action.START;
        TwoPeers t = peers(a, responder());
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        t.input(t.a, new EngineInput.TerminateIke(t.a.engine.listSas().getFirst().ikeSaId()));
        t.run(Duration.ofSeconds(5));
        assertThat(t.a.engine.listSas()).isEmpty();
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
    }

    @Test
    void keyingTriesLimitsInitiationAttempts() throws Exception {
        Side a = new Side();
        a.keyingTries = 3;
        TwoPeers t = peers(a, responder());
        t.network = p -> List.of();
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofHours(1));
        assertThat(t.a.events(SaEvent.IkeSaFailed.class)).hasSize(3);
        assertThat(t.a.engine.listSas()).isEmpty();
        assertThat(t.a.timers).isEmpty();
    }

    @Test
    void keyingTriesZeroKeepsTryingUntilThePeerAnswers() throws Exception {
        Side a = new Side();
        a.keyingTries = 0;
        TwoPeers t = peers(a, responder());
        t.network = p -> List.of();
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofMinutes(30)); // about ten attempts
        assertThat(t.a.events(SaEvent.IkeSaFailed.class).size()).isGreaterThanOrEqualTo(9);
        t.network = List::of;
        t.run(Duration.ofMinutes(5));
        assertThat(established(t.a)).isEqualTo(1);
        assertThat(childNames(t.b)).containsExactly("net");
    }
}
