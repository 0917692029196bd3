package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.sa.ChildSaSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EstablishTest {

    static TwoPeers establish(Configs c) throws Exception {
        TwoPeers t = c.peers();
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        return t;
    }

    static void assertKeysMatch(ChildSaSpec x, ChildSaSpec y) {
        assertThat(x.inbound().spi()).isEqualTo(y.outbound().spi());
        assertThat(x.outbound().spi()).isEqualTo(y.inbound().spi());
        assertThat(x.inbound().encryptionKey()).isEqualTo(y.outbound().encryptionKey());
        assertThat(x.inbound().integrityKey()).isEqualTo(y.outbound().integrityKey());
        assertThat(x.outbound().encryptionKey()).isEqualTo(y.inbound().encryptionKey());
        assertThat(x.outbound().integrityKey()).isEqualTo(y.inbound().integrityKey());
        assertThat(x.inbound().encryptionKey()).isNotEqualTo(x.outbound().encryptionKey());
        assertThat(Integer.compareUnsigned(x.inbound().spi(), 256)).isGreaterThanOrEqualTo(0);
    }

    static ChildSaSpec installed(TwoPeers.Peer p) {
        List<EngineOutput.InstallChildSa> l = p.outputs(EngineOutput.InstallChildSa.class);
        assertThat(l).hasSize(1);
        return l.getFirst().spec();
    }

    @Test
    void pskEstablishesIkeAndChildSaOnBothSides() throws Exception {
        TwoPeers t = establish(new Configs());
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(t.b.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(t.a.events(SaEvent.ChildSaEstablished.class)).hasSize(1);
        assertThat(t.b.events(SaEvent.ChildSaEstablished.class)).hasSize(1);
        ChildSaSpec sa = installed(t.a), sb = installed(t.b);
        assertKeysMatch(sa, sb);
        assertThat(sa.mode()).isEqualTo(ChildSaSpec.Mode.TUNNEL);
        assertThat(sa.localSelectors()).isEqualTo(sb.remoteSelectors());
        assertThat(sa.remoteSelectors()).isEqualTo(sb.localSelectors());

        IkeSaInfo ia = t.a.engine.listSas().getFirst();
        assertThat(ia.state()).isEqualTo("ESTABLISHED");
        assertThat(ia.initiator()).isTrue();
        assertThat(ia.encryption()).isEqualTo("AES_GCM_16");
        assertThat(ia.encryptionKeyBits()).isEqualTo(256);
        assertThat(ia.prf()).isEqualTo("PRF_HMAC_SHA2_256");
        assertThat(ia.keyExchange()).isEqualTo("CURVE_25519");
        assertThat(ia.localId()).isEqualTo("moon.example.org");
        assertThat(ia.remoteId()).isEqualTo("sun.example.org");
        assertThat(ia.children()).hasSize(1);
        assertThat(ia.children().getFirst().localSelectors()).containsExactly("10.1.0.0/16");
        assertThat(ia.children().getFirst().encryption()).isEqualTo("AES_GCM_16");
        IkeSaInfo ib = t.b.engine.listSas().getFirst();
        assertThat(ib.initiatorSpi()).isEqualTo(ia.initiatorSpi());
        assertThat(ib.responderSpi()).isEqualTo(ia.responderSpi());
        assertThat(ib.initiator()).isFalse();
        // no retransmissions were necessary: exactly 4 datagrams
        assertThat(t.delivered).isEqualTo(4);
    }

    @Test
    void transportModeWhenBothWantIt() throws Exception {
        Configs c = new Configs();
        c.mode = io.ike4j.core.config.ChildConfig.Mode.TRANSPORT;
        c.tsA = "dynamic";
        c.tsB = "dynamic";
        TwoPeers t = establish(c);
        assertThat(installed(t.a).mode()).isEqualTo(ChildSaSpec.Mode.TRANSPORT);
        assertThat(installed(t.b).mode()).isEqualTo(ChildSaSpec.Mode.TRANSPORT);
        assertThat(t.a.engine.listSas().getFirst().children().getFirst().localSelectors()).containsExactly("192.0.2.1/32");
    }

    @Test
    void responderNarrowsTrafficSelectors() throws Exception {
        Configs c = new Configs();
        c.tsA = "10.1.0.0/16";
        c.tsB = "0.0.0.0/0";
        c.tsBLocal = "10.2.3.0/24";
        c.tsBRemote = "10.1.2.0/24[tcp]";
        TwoPeers t = establish(c);
        List<String> local = t.a.engine.listSas().getFirst().children().getFirst().localSelectors();
        List<String> remote = t.a.engine.listSas().getFirst().children().getFirst().remoteSelectors();
        assertThat(local).containsExactly("10.1.2.0/24[tcp]");
        assertThat(remote).containsExactly("10.2.3.0/24");
        assertKeysMatch(installed(t.a), installed(t.b));
    }
}
