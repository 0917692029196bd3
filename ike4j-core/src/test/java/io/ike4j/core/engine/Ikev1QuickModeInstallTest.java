package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When the Quick Mode responder installs (RFC 2409 5.5): as it sends message 2, like strongSwan's responder, since the
 * initiator uses the pair once it has message 2; a rekey's outbound waits for the replaced pair to go.
 */
class Ikev1QuickModeInstallTest {
    /** Quick Mode message 3 (HDR*, HASH(3) only) from a: exchange type 32, short. */
    private static boolean quickMode3(TwoPeers t, TwoPeers.Packet p) {
        return p.from() == t.a && (p.data()[18] & 0xff) == 32 && p.data().length < 120;
    }

    private static boolean quickMode1(TwoPeers t, TwoPeers.Packet p) {
        return p.from() == t.a && (p.data()[18] & 0xff) == 32 && p.data().length >= 120;
    }

    @Test
    void responderInstallsBothDirectionsWhenItSendsMessage2AndMessage3OnlyCompletes() throws Exception {
        V1Configs c = new V1Configs();
        TwoPeers t = c.peers();
        List<TwoPeers.Packet> held = new ArrayList<>();
        t.network = p -> {
            if (!quickMode3(t, p)) return List.of(p);
            held.add(p);
            return List.of();
        };
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.flush();
        assertThat(held).hasSize(1); // message 3 not delivered yet
        assertThat(t.b.outputs(EngineOutput.InstallChildSa.class)).singleElement()
                .satisfies(i -> assertThat(i.outboundDeferred()).isFalse());
        assertThat(t.b.events(SaEvent.ChildSaEstablished.class)).hasSize(1);
        assertThat(t.a.outputs(EngineOutput.InstallChildSa.class)).singleElement()
                .satisfies(i -> assertThat(i.outboundDeferred()).isFalse());
        EstablishTest.assertKeysMatch(EstablishTest.installed(t.a), EstablishTest.installed(t.b));

        t.network = List::of;
        t.inFlight.addAll(held);
        int sentByB = t.b.outputs(EngineOutput.SendDatagram.class).size();
        t.run(Duration.ofSeconds(60));
        assertThat(t.b.outputs(EngineOutput.InstallChildSa.class)).hasSize(1); // no second install on message 3
        assertThat(t.b.outputs(EngineOutput.SendDatagram.class)).hasSize(sentByB); // message 2 no longer retransmitted
        assertThat(t.b.events(SaEvent.ChildSaFailed.class)).isEmpty();
        assertThat(t.b.engine.listSas().getFirst().children()).hasSize(1);
    }

    @Test
    void retransmittedMessage1IsAnsweredAgainWithoutASecondInstall() throws Exception {
        V1Configs c = new V1Configs();
        TwoPeers t = c.peers();
        t.network = p -> quickMode1(t, p) ? List.of(p, p, p) : List.of(p);
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(30));
        Ikev1EstablishTest.assertEstablished(t);
        assertThat(t.b.outputs(EngineOutput.InstallChildSa.class)).hasSize(1);
        assertThat(t.a.outputs(EngineOutput.InstallChildSa.class)).hasSize(1);
        assertThat(t.b.log).anyMatch(l -> l.contains("retransmitted request"));
    }

    @Test
    void rekeyResponderDefersItsOutboundUntilTheReplacedPairIsGone() throws Exception {
        TwoPeers t = V1Configs.establish(new V1Configs(), true);
        t.run(Duration.ofMinutes(70)); // a rekeys at 90% of the 66 min life, then deletes the old pair
        List<EngineOutput.InstallChildSa> b = t.b.outputs(EngineOutput.InstallChildSa.class);
        assertThat(b).hasSize(2);
        assertThat(b.get(0).outboundDeferred()).isFalse();
        assertThat(b.get(1).outboundDeferred()).isTrue();
        assertThat(t.a.outputs(EngineOutput.InstallChildSa.class)).extracting(EngineOutput.InstallChildSa::outboundDeferred)
                .containsExactly(false, true); // the initiator's too, until the replaced pair goes after its grace period
        assertThat(t.b.dataPlane.outboundSpi()).isEqualTo(b.get(1).spec().outbound().spi());
        assertThat(t.b.engine.listSas().getFirst().children()).hasSize(1);
    }

    @Test
    void replayedMessage1WithAChangedFlagByteInstallsNothing() throws Exception {
        V1Configs c = new V1Configs();
        TwoPeers t = c.peers();
        List<byte[]> qm1 = new ArrayList<>();
        t.network = p -> {
            if (quickMode1(t, p)) qm1.add(p.data());
            return List.of(p);
        };
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        Ikev1EstablishTest.assertEstablished(t);
        // RFC 2408 3.1: the flags are not covered by HASH(1), so the copy authenticates but is no cached retransmission
        byte[] replay = qm1.getFirst().clone();
        replay[19] ^= 0x02;
        int sent = t.b.outputs(EngineOutput.SendDatagram.class).size();
        t.input(t.b, new EngineInput.DatagramReceived(t.b.address, t.a.address, replay));
        assertThat(t.b.outputs(EngineOutput.InstallChildSa.class)).hasSize(1);
        assertThat(t.b.outputs(EngineOutput.SendDatagram.class)).hasSize(sent);
        assertThat(t.b.log).anyMatch(l -> l.contains("used message ID"));
    }

    @Test
    void responderKeepsTheInstalledPairWhenMessage3NeverArrives() throws Exception {
        V1Configs c = new V1Configs();
        TwoPeers t = c.peers();
        t.network = p -> quickMode3(t, p) ? List.of() : List.of(p);
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofMinutes(5));
        assertThat(t.b.outputs(EngineOutput.InstallChildSa.class)).hasSize(1);
        assertThat(t.b.outputs(EngineOutput.RemoveChildSa.class)).isEmpty();
        assertThat(t.b.events(SaEvent.ChildSaFailed.class)).isEmpty();
        assertThat(t.b.engine.listSas()).singleElement().satisfies(sa -> assertThat(sa.children()).hasSize(1));
        assertThat(t.b.log).anyMatch(l -> l.contains("never arrived"));
    }
}
