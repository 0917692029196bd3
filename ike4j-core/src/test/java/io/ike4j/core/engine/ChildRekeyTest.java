package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.sa.ChildSaSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** CHILD_SA rekeying with CREATE_CHILD_SA (RFC 7296 1.3.3), with and without PFS, and hard expiry. */
class ChildRekeyTest {

    @ParameterizedTest
    @ValueSource(strings = {"aes128gcm16", "aes256-sha256-x25519", "aes128gcm16-modp2048"})
    void childSaIsRekeyedBeforeItsLifetimeEnds(String esp) throws Exception {
        Configs c = new Configs();
        c.esp = esp;
        TwoPeers t = EstablishTest.establish(c);
        ChildSaSpec firstA = EstablishTest.installed(t.a);
        t.run(Duration.ofMinutes(61));
        for (TwoPeers.Peer p : List.of(t.a, t.b)) {
            assertThat(p.outputs(EngineOutput.InstallChildSa.class)).hasSize(2);
            assertThat(p.outputs(EngineOutput.RemoveChildSa.class)).hasSize(1);
            assertThat(p.events(SaEvent.ChildSaClosed.class)).hasSize(1);
            assertThat(p.engine.listSas()).singleElement().satisfies(i -> assertThat(i.children()).hasSize(1));
        }
        ChildSaSpec newA = t.a.outputs(EngineOutput.InstallChildSa.class).get(1).spec();
        ChildSaSpec newB = t.b.outputs(EngineOutput.InstallChildSa.class).get(1).spec();
        EstablishTest.assertKeysMatch(newA, newB);
        assertThat(newA.inbound().encryptionKey()).isNotEqualTo(firstA.inbound().encryptionKey());
        assertThat(newA.inbound().spi()).isNotEqualTo(firstA.inbound().spi());
        assertThat(newA.localSelectors()).isEqualTo(firstA.localSelectors());
        assertThat(t.a.outputs(EngineOutput.RemoveChildSa.class).getFirst().inboundSpi()).isEqualTo(firstA.inbound().spi());
        assertThat(t.a.engine.listSas().getFirst().children().getFirst().spiIn()).isEqualTo(newA.inbound().spi());
        String pfs = esp.endsWith("x25519") ? "CURVE_25519" : esp.endsWith("modp2048") ? "MODP_2048" : "";
        assertThat(t.a.engine.listSas().getFirst().children().getFirst().keyExchange()).isEqualTo(pfs);
        assertThat(t.b.engine.listSas().getFirst().children().getFirst().keyExchange()).isEqualTo(pfs);
    }

    @Test
    void childSaWithoutRekeyIsDeletedAtItsHardLifetime() throws Exception {
        Configs c = new Configs();
        c.childRekey = Duration.ZERO;
        c.childLife = Duration.ofMinutes(10);
        TwoPeers t = EstablishTest.establish(c);
        t.run(Duration.ofMinutes(11));
        assertThat(t.a.outputs(EngineOutput.RemoveChildSa.class)).hasSize(1);
        assertThat(t.b.outputs(EngineOutput.RemoveChildSa.class)).hasSize(1);
        assertThat(t.a.engine.listSas()).singleElement().satisfies(i -> assertThat(i.children()).isEmpty());
        assertThat(t.b.engine.listSas()).singleElement().satisfies(i -> assertThat(i.children()).isEmpty());
    }

    @Test
    void rekeyingTwiceKeepsOneChild() throws Exception {
        TwoPeers t = EstablishTest.establish(new Configs());
        t.run(Duration.ofMinutes(125));
        for (TwoPeers.Peer p : List.of(t.a, t.b)) {
            assertThat(p.outputs(EngineOutput.InstallChildSa.class)).hasSize(3);
            assertThat(p.outputs(EngineOutput.RemoveChildSa.class)).hasSize(2);
            assertThat(p.engine.listSas()).singleElement().satisfies(i -> assertThat(i.children()).hasSize(1));
        }
    }
}
