package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** RFC 7296 2.4: a peer that restarted says INITIAL_CONTACT; the responder drops the IKE SAs it had with it. */
class UniquenessTest {

    @Test
    void initialContactFromRestartedPeerReplacesTheOldSa() throws Exception {
        Configs c = new Configs();
        TwoPeers t = EstablishTest.establish(c);
        long oldId = t.b.engine.listSas().getFirst().ikeSaId();
        // peer a "restarts": a fresh engine with the same configuration connects again
        TwoPeers.Peer restarted = t.new Peer("a2", t.a.address, c.a(), 77);
        // deliver the restarted engine's messages to b by hand (same address as before)
        java.util.List<EngineOutput> out = restarted.engine.handle(new EngineInput.Initiate("gw", "net"));
        for (int i = 0; i < 2; i++) {
            byte[] req = out.stream().filter(o -> o instanceof EngineOutput.SendDatagram).map(o -> ((EngineOutput.SendDatagram) o).data())
                    .findFirst().orElseThrow();
            java.util.List<EngineOutput> resp = t.b.engine.handle(new EngineInput.DatagramReceived(t.b.address, t.a.address, req));
            t.b.all.addAll(resp);
            byte[] r = resp.stream().filter(o -> o instanceof EngineOutput.SendDatagram).map(o -> ((EngineOutput.SendDatagram) o).data())
                    .findFirst().orElseThrow();
            out = restarted.engine.handle(new EngineInput.DatagramReceived(t.a.address, t.b.address, r));
        }
        assertThat(t.b.engine.listSas()).singleElement().satisfies(i -> assertThat(i.ikeSaId()).isNotEqualTo(oldId));
        assertThat(t.b.events(SaEvent.IkeSaClosed.class)).singleElement().satisfies(e -> assertThat(e.ikeSaId()).isEqualTo(oldId));
        assertThat(t.b.outputs(EngineOutput.RemoveChildSa.class)).hasSize(1);
    }
}
