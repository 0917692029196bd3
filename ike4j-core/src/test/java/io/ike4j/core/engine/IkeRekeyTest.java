package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.sa.ChildSaSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 7296 1.3.2, 2.18: the IKE SA is rekeyed in place; CHILD_SAs survive and later exchanges use the new keys. */
class IkeRekeyTest {

    @ParameterizedTest
    @ValueSource(strings = {"aes256gcm16-prfsha256-x25519", "aes128-sha1-modp2048", "chacha20poly1305-prfsha512-ecp384"})
    void ikeSaIsRekeyedAndKeepsWorking(String ike) throws Exception {
        Configs c = new Configs();
        c.ike = ike;
        c.ikeRekey = Duration.ofMinutes(30);
        TwoPeers t = EstablishTest.establish(c);
        IkeSaInfo before = t.a.engine.listSas().getFirst();
        t.run(Duration.ofMinutes(35));
        IkeSaInfo a = t.a.engine.listSas().getFirst(), b = t.b.engine.listSas().getFirst();
        assertThat(t.a.engine.listSas()).hasSize(1);
        assertThat(t.b.engine.listSas()).hasSize(1);
        assertThat(a.ikeSaId()).isEqualTo(before.ikeSaId());
        assertThat(a.initiatorSpi()).isNotEqualTo(before.initiatorSpi());
        assertThat(a.initiatorSpi()).isEqualTo(b.initiatorSpi());
        assertThat(a.responderSpi()).isEqualTo(b.responderSpi());
        assertThat(a.initiator()).isNotEqualTo(b.initiator());
        assertThat(a.children()).hasSize(1);
        for (TwoPeers.Peer p : List.of(t.a, t.b)) {
            assertThat(p.events(SaEvent.IkeSaClosed.class)).isEmpty();
            assertThat(p.outputs(EngineOutput.RemoveChildSa.class)).isEmpty();
            assertThat(p.log).anyMatch(l -> l.contains("rekeyed, SPIs"));
            assertThat(p.log).noneMatch(l -> l.contains("internal error") || l.contains("dropped"));
        }
        // the CHILD_SA rekey at ~1h runs over the new IKE SA and derives matching keys from the new SK_d
        t.run(Duration.ofMinutes(30));
        ChildSaSpec na = t.a.outputs(EngineOutput.InstallChildSa.class).getLast().spec();
        ChildSaSpec nb = t.b.outputs(EngineOutput.InstallChildSa.class).getLast().spec();
        assertThat(t.a.outputs(EngineOutput.InstallChildSa.class)).hasSize(2);
        EstablishTest.assertKeysMatch(na, nb);
        // and deleting works on the new SA
        t.input(t.a, new EngineInput.TerminateIke(a.ikeSaId()));
        t.run(Duration.ofSeconds(5));
        assertThat(t.a.engine.listSas()).isEmpty();
        assertThat(t.b.engine.listSas()).isEmpty();
        assertThat(t.a.timers).isEmpty();
        assertThat(t.b.timers).isEmpty();
    }
}
