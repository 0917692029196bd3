package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.sa.ChildSaSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InformationalTest {

    @Test
    void initiatorDeletesChildSa() throws Exception {
        TwoPeers t = EstablishTest.establish(new Configs());
        IkeSaInfo ia = t.a.engine.listSas().getFirst();
        long child = ia.children().getFirst().childSaId();
        t.input(t.a, new EngineInput.TerminateChild(ia.ikeSaId(), child));
        t.run(Duration.ofSeconds(1));
        ChildSaSpec sa = EstablishTest.installed(t.a), sb = EstablishTest.installed(t.b);
        assertThat(t.a.outputs(EngineOutput.RemoveChildSa.class)).singleElement()
                .satisfies(r -> assertThat(r.inboundSpi()).isEqualTo(sa.inbound().spi()));
        assertThat(t.b.outputs(EngineOutput.RemoveChildSa.class)).singleElement()
                .satisfies(r -> assertThat(r.inboundSpi()).isEqualTo(sb.inbound().spi()));
        assertThat(t.a.events(SaEvent.ChildSaClosed.class)).hasSize(1);
        assertThat(t.b.events(SaEvent.ChildSaClosed.class)).hasSize(1);
        assertThat(t.a.engine.listSas()).singleElement().satisfies(i -> assertThat(i.children()).isEmpty());
        assertThat(t.b.engine.listSas()).singleElement().satisfies(i -> assertThat(i.children()).isEmpty());
    }

    @Test
    void responderDeletesIkeSa() throws Exception {
        TwoPeers t = EstablishTest.establish(new Configs());
        t.input(t.b, new EngineInput.TerminateIke(t.b.engine.listSas().getFirst().ikeSaId()));
        t.run(Duration.ofSeconds(1));
        assertThat(t.a.engine.listSas()).isEmpty();
        assertThat(t.b.engine.listSas()).isEmpty();
        assertThat(t.a.events(SaEvent.IkeSaClosed.class)).hasSize(1);
        assertThat(t.b.events(SaEvent.IkeSaClosed.class)).hasSize(1);
        assertThat(t.a.outputs(EngineOutput.RemoveChildSa.class)).hasSize(1);
        assertThat(t.b.outputs(EngineOutput.RemoveChildSa.class)).hasSize(1);
        assertThat(t.a.timers).isEmpty();
        assertThat(t.b.timers).isEmpty();
    }

    @Test
    void shutdownDeletesEverything() throws Exception {
        TwoPeers t = EstablishTest.establish(new Configs());
        t.input(t.a, new EngineInput.Shutdown());
        t.run(Duration.ofSeconds(1));
        assertThat(t.a.engine.listSas()).isEmpty();
        assertThat(t.b.engine.listSas()).isEmpty();
    }

    @Test
    void livenessChecksAreAnswered() throws Exception {
        Configs c = new Configs();
        c.dpdA = Duration.ofSeconds(30);
        TwoPeers t = EstablishTest.establish(c);
        int before = t.delivered;
        t.run(Duration.ofSeconds(95)); // three DPD rounds
        assertThat(t.delivered - before).isEqualTo(6);
        assertThat(t.a.engine.listSas()).singleElement().satisfies(i -> assertThat(i.state()).isEqualTo("ESTABLISHED"));
        assertThat(t.b.engine.listSas()).hasSize(1);
    }

    @Test
    void deadPeerIsDetectedByLivenessRetransmitGiveUp() throws Exception {
        Configs c = new Configs();
        c.dpdA = Duration.ofSeconds(30);
        TwoPeers t = EstablishTest.establish(c);
        t.network = p -> List.of(); // the peer vanishes
        t.run(Duration.ofMinutes(10));
        assertThat(t.a.engine.listSas()).isEmpty();
        assertThat(t.a.events(SaEvent.IkeSaClosed.class)).hasSize(1);
        assertThat(t.a.outputs(EngineOutput.RemoveChildSa.class)).hasSize(1);
        assertThat(t.a.timers).isEmpty();
    }
}
