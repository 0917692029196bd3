package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.config.EngineSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailureTest {

    @Test
    void wrongPskFailsOnBothSidesAndLeavesNoSa() throws Exception {
        Configs c = new Configs();
        c.pskB = "something else";
        TwoPeers t = EstablishTest.establish(c);
        assertThat(t.a.events(SaEvent.IkeSaFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.notifyType()).isEqualTo(NotifyType.AUTHENTICATION_FAILED.value()));
        assertThat(t.b.events(SaEvent.IkeSaFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.notifyType()).isEqualTo(NotifyType.AUTHENTICATION_FAILED.value()));
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).isEmpty();
        assertThat(t.b.events(SaEvent.IkeSaEstablished.class)).isEmpty();
        assertThat(t.a.outputs(EngineOutput.InstallChildSa.class)).isEmpty();
        assertThat(t.b.outputs(EngineOutput.InstallChildSa.class)).isEmpty();
        assertThat(t.a.engine.listSas()).isEmpty();
        assertThat(t.b.engine.listSas()).isEmpty();
        assertThat(t.a.timers).isEmpty();
        assertThat(t.b.timers).isEmpty();
    }

    @Test
    void noProposalChosenForIke() throws Exception {
        Configs c = new Configs();
        c.ike = "aes128-sha256-modp2048";
        c.ikeB = "aes256gcm16-prfsha384-ecp384";
        TwoPeers t = EstablishTest.establish(c);
        assertThat(t.a.events(SaEvent.IkeSaFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.notifyType()).isEqualTo(NotifyType.NO_PROPOSAL_CHOSEN.value()));
        assertThat(t.a.engine.listSas()).isEmpty();
        assertThat(t.b.engine.listSas()).isEmpty();
        assertThat(t.b.events()).isEmpty();
    }

    @Test
    void noProposalChosenForChildKeepsIkeSa() throws Exception {
        Configs c = new Configs();
        c.esp = "aes128gcm16";
        c.espB = "aes256-sha512";
        TwoPeers t = EstablishTest.establish(c);
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(t.b.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(t.a.events(SaEvent.ChildSaFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.notifyType()).isEqualTo(NotifyType.NO_PROPOSAL_CHOSEN.value()));
        assertThat(t.b.events(SaEvent.ChildSaFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.notifyType()).isEqualTo(NotifyType.NO_PROPOSAL_CHOSEN.value()));
        assertThat(t.a.outputs(EngineOutput.InstallChildSa.class)).isEmpty();
        assertThat(t.b.outputs(EngineOutput.InstallChildSa.class)).isEmpty();
        assertThat(t.a.engine.listSas()).singleElement().satisfies(i -> assertThat(i.children()).isEmpty());
    }

    @Test
    void tsUnacceptableKeepsIkeSa() throws Exception {
        Configs c = new Configs();
        c.tsBRemote = "172.16.0.0/12";
        TwoPeers t = EstablishTest.establish(c);
        assertThat(t.a.events(SaEvent.ChildSaFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.notifyType()).isEqualTo(NotifyType.TS_UNACCEPTABLE.value()));
        assertThat(t.b.events(SaEvent.ChildSaFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.notifyType()).isEqualTo(NotifyType.TS_UNACCEPTABLE.value()));
        assertThat(t.a.engine.listSas()).singleElement().satisfies(i -> assertThat(i.state()).isEqualTo("ESTABLISHED"));
        assertThat(t.b.engine.listSas()).singleElement().satisfies(i -> assertThat(i.state()).isEqualTo("ESTABLISHED"));
    }

    @Test
    void invalidKePayloadMakesInitiatorRetryWithRequestedGroup() throws Exception {
        Configs c = new Configs();
        c.ike = "aes128-sha256-modp2048-ecp256";
        c.ikeB = "aes128-sha256-ecp256";
        TwoPeers t = EstablishTest.establish(c);
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(t.a.engine.listSas().getFirst().keyExchange()).isEqualTo("ECP_256");
        assertThat(t.b.engine.listSas().getFirst().keyExchange()).isEqualTo("ECP_256");
        assertThat(t.delivered).isEqualTo(6); // INVALID_KE round trip + 4
        EstablishTest.assertKeysMatch(EstablishTest.installed(t.a), EstablishTest.installed(t.b));
    }

    @Test
    void cookieFlowAboveThreshold() throws Exception {
        Configs c = new Configs();
        c.settingsB = EngineSettings.builder().cookieThreshold(0).build();
        TwoPeers t = EstablishTest.establish(c);
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(t.b.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(t.delivered).isEqualTo(6); // COOKIE round trip + 4
        EstablishTest.assertKeysMatch(EstablishTest.installed(t.a), EstablishTest.installed(t.b));
    }

    /** Every datagram of B's is delivered twice (a duplicating link, as the fault interop test's router). */
    private static TwoPeers establishWithBDuplicating(Configs c) throws Exception {
        TwoPeers t = c.peers();
        t.network = p -> p.from() == t.b ? List.of(p, p) : List.of(p);
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(30));
        return t;
    }

    /**
     * Regression (found by Ike4jFaultInteropTest with duplicated packets): the copy of an INVALID_KE_PAYLOAD answer
     * arrives after we retried with the group it asks for; it answers our first request, not the retry (RFC 7296 1.2,
     * 2.21), and must not fail the IKE SA.
     */
    @Test
    void duplicatedInvalidKePayloadAnswerIsIgnoredAfterTheRetry() throws Exception {
        Configs c = new Configs();
        c.ike = "aes128-sha256-modp2048-ecp256";
        c.ikeB = "aes128-sha256-ecp256";
        TwoPeers t = establishWithBDuplicating(c);
        assertThat(t.a.events(SaEvent.IkeSaFailed.class)).isEmpty();
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(t.a.engine.listSas()).singleElement().satisfies(i -> assertThat(i.keyExchange()).isEqualTo("ECP_256"));
        assertThat(t.b.engine.listSas()).hasSize(1);
    }

    /** The same for a duplicated COOKIE answer: it does not make us start over a second time (RFC 7296 2.6). */
    @Test
    void duplicatedCookieAnswerIsIgnoredAfterTheRetry() throws Exception {
        Configs c = new Configs();
        c.settingsB = EngineSettings.builder().cookieThreshold(0).build();
        TwoPeers t = establishWithBDuplicating(c);
        assertThat(t.a.events(SaEvent.IkeSaFailed.class)).isEmpty();
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(t.a.log.stream().filter(l -> l.contains("received COOKIE"))).hasSize(1);
        assertThat(t.b.engine.listSas()).hasSize(1);
    }

    @Test
    void unknownConnectionIsReported() throws Exception {
        TwoPeers t = new Configs().peers();
        t.input(t.a, new EngineInput.Initiate("nope", null));
        assertThat(t.a.events(SaEvent.IkeSaFailed.class)).hasSize(1);
        t.run(Duration.ofMinutes(5));
        assertThat(t.delivered).isZero();
    }
}
