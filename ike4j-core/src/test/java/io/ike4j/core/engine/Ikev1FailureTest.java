package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.v1.V1NotifyType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IKEv1 failures end cleanly on both sides: typed notifies, events, no SA and no installed keys left. */
class Ikev1FailureTest {

    private static void nothingLeft(TwoPeers.Peer p) {
        assertThat(p.engine.listSas()).as(p.name + " SAs").isEmpty();
        assertThat(p.outputs(EngineOutput.InstallChildSa.class)).as(p.name + " installs").isEmpty();
    }

    @Test
    void wrongPskFailsWithAHashOrAuthenticationNotify() throws Exception {
        V1Configs c = new V1Configs();
        c.pskB = "a different secret";
        TwoPeers t = V1Configs.establish(c, true);
        List<SaEvent.IkeSaFailed> fb = t.b.events(SaEvent.IkeSaFailed.class);
        assertThat(fb).hasSize(1);
        assertThat(fb.getFirst().notifyType()).isIn(V1NotifyType.AUTHENTICATION_FAILED.value(), V1NotifyType.INVALID_HASH_INFORMATION.value());
        List<SaEvent.IkeSaFailed> fa = t.a.events(SaEvent.IkeSaFailed.class);
        assertThat(fa).hasSize(1);
        assertThat(fa.getFirst().notifyType()).isIn(V1NotifyType.AUTHENTICATION_FAILED.value(), V1NotifyType.INVALID_HASH_INFORMATION.value());
        nothingLeft(t.a);
        nothingLeft(t.b);
        t.run(Duration.ofMinutes(5)); // no timer of a dead SA does anything
        nothingLeft(t.a);
        nothingLeft(t.b);
    }

    @Test
    void wrongPskInAggressiveModeFailsOnBothSides() throws Exception {
        V1Configs c = new V1Configs();
        c.aggressiveA = true;
        c.aggressiveB = true;
        c.pskA = "a different secret";
        TwoPeers t = V1Configs.establish(c, true);
        assertThat(t.a.events(SaEvent.IkeSaFailed.class)).singleElement()
                .extracting(SaEvent.IkeSaFailed::notifyType).isEqualTo(V1NotifyType.INVALID_HASH_INFORMATION.value());
        t.run(Duration.ofMinutes(2));
        assertThat(t.b.events(SaEvent.IkeSaFailed.class)).hasSize(1);
        nothingLeft(t.a);
        nothingLeft(t.b);
    }

    @Test
    void noProposalChosenInMainMode() throws Exception {
        V1Configs c = new V1Configs();
        c.ikeB = "aes256-sha512-ecp521";
        TwoPeers t = V1Configs.establish(c, true);
        assertThat(t.a.events(SaEvent.IkeSaFailed.class)).singleElement()
                .extracting(SaEvent.IkeSaFailed::notifyType).isEqualTo(V1NotifyType.NO_PROPOSAL_CHOSEN.value());
        nothingLeft(t.a);
        nothingLeft(t.b);
        assertThat(t.delivered).isEqualTo(2);
    }

    @Test
    void aggressiveModeRefusedUnlessConfigured() throws Exception {
        V1Configs c = new V1Configs();
        c.aggressiveA = true;
        TwoPeers t = V1Configs.establish(c, true);
        assertThat(t.a.events(SaEvent.IkeSaFailed.class)).singleElement()
                .extracting(SaEvent.IkeSaFailed::notifyType).isEqualTo(V1NotifyType.NO_PROPOSAL_CHOSEN.value());
        nothingLeft(t.a);
        nothingLeft(t.b);
    }

    @Test
    void noProposalChosenInQuickModeKeepsTheIsakmpSa() throws Exception {
        V1Configs c = new V1Configs();
        c.espB = "3des-md5";
        TwoPeers t = V1Configs.establish(c, true);
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(t.a.events(SaEvent.ChildSaFailed.class)).singleElement()
                .extracting(SaEvent.ChildSaFailed::notifyType).isEqualTo(V1NotifyType.NO_PROPOSAL_CHOSEN.value());
        assertThat(t.b.events(SaEvent.ChildSaFailed.class)).singleElement()
                .extracting(SaEvent.ChildSaFailed::notifyType).isEqualTo(V1NotifyType.NO_PROPOSAL_CHOSEN.value());
        assertThat(t.a.outputs(EngineOutput.InstallChildSa.class)).isEmpty();
        assertThat(t.a.engine.listSas()).singleElement().extracting(IkeSaInfo::state).isEqualTo("ESTABLISHED");
    }

    @Test
    void selectorsOutsideTheResponderPolicyAreRefused() throws Exception {
        V1Configs c = new V1Configs();
        c.tsA = "10.9.0.0/16";
        c.remoteTsB = "10.1.0.0/16";
        TwoPeers t = V1Configs.establish(c, true);
        assertThat(t.a.events(SaEvent.ChildSaFailed.class)).singleElement()
                .extracting(SaEvent.ChildSaFailed::notifyType).isEqualTo(V1NotifyType.INVALID_ID_INFORMATION.value());
        assertThat(t.b.outputs(EngineOutput.InstallChildSa.class)).isEmpty();
    }

    @Test
    void silentPeerEndsAfterTheRetransmissions() throws Exception {
        V1Configs c = new V1Configs();
        TwoPeers t = c.peers();
        t.network = p -> List.of();
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofMinutes(10));
        assertThat(t.a.outputs(EngineOutput.SendDatagram.class)).hasSize(6); // first send + 5 retransmits
        assertThat(t.a.events(SaEvent.IkeSaFailed.class)).hasSize(1);
        nothingLeft(t.a);
    }
}
