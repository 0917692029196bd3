package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import io.ike4j.core.sa.ChildSaSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IKEv1 Main Mode + Quick Mode between two in-process engines (RFC 2409 5, 5.5), both roles. */
class Ikev1EstablishTest {

    static void assertEstablished(TwoPeers t) {
        for (TwoPeers.Peer p : List.of(t.a, t.b)) {
            assertThat(p.events(SaEvent.IkeSaEstablished.class)).as(p.name + " IKE SA").hasSize(1);
            assertThat(p.events(SaEvent.ChildSaEstablished.class)).as(p.name + " CHILD SA").hasSize(1);
            assertThat(p.events(SaEvent.IkeSaFailed.class)).isEmpty();
        }
        EstablishTest.assertKeysMatch(EstablishTest.installed(t.a), EstablishTest.installed(t.b));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void mainModeAndQuickModeWithPskInBothRoles(boolean fromA) throws Exception {
        TwoPeers t = V1Configs.establish(new V1Configs(), fromA);
        assertEstablished(t);
        assertThat(t.delivered).isEqualTo(9); // 6 Main Mode + 3 Quick Mode, no retransmission
        ChildSaSpec sa = EstablishTest.installed(t.a), sb = EstablishTest.installed(t.b);
        assertThat(sa.inbound().encryption()).isEqualTo(EncryptionAlgorithm.AES_CBC);
        assertThat(sa.inbound().encryptionKeyBits()).isEqualTo(128);
        assertThat(sa.inbound().integrity()).isEqualTo(IntegrityAlgorithm.HMAC_SHA2_256_128);
        assertThat(sa.inbound().encryptionKey()).hasSize(16);
        assertThat(sa.inbound().integrityKey()).hasSize(32);
        assertThat(sa.mode()).isEqualTo(ChildSaSpec.Mode.TUNNEL);
        assertThat(sa.udpEncapsulation()).isFalse();
        assertThat(sa.localSelectors()).isEqualTo(sb.remoteSelectors());
        assertThat(sa.remoteSelectors()).isEqualTo(sb.localSelectors());
        IkeSaInfo ia = t.a.engine.listSas().getFirst(), ib = t.b.engine.listSas().getFirst();
        assertThat(ia.version()).isEqualTo(1);
        assertThat(ia.state()).isEqualTo("ESTABLISHED");
        assertThat(ia.initiator()).isEqualTo(fromA);
        assertThat(ib.initiator()).isEqualTo(!fromA);
        assertThat(ia.initiatorSpi()).isEqualTo(ib.initiatorSpi());
        assertThat(ia.responderSpi()).isEqualTo(ib.responderSpi());
        assertThat(ia.encryption()).isEqualTo("AES_CBC");
        assertThat(ia.prf()).isEqualTo("PRF_HMAC_SHA2_256");
        assertThat(ia.keyExchange()).isEqualTo("MODP_2048");
        assertThat(ia.localId()).isEqualTo("moon.example.org");
        assertThat(ia.remoteId()).isEqualTo("sun.example.org");
        assertThat(ia.children()).hasSize(1);
        assertThat(ia.children().getFirst().localSelectors()).containsExactly("10.1.0.0/16");
        assertThat(ia.children().getFirst().remoteSelectors()).containsExactly("10.2.0.0/16");
    }

    @ParameterizedTest
    @ValueSource(strings = {"aes128-sha256-modp2048", "aes256gcm16-ecp256", "aes192-sha1-ecp384"})
    void quickModeWithPfs(String esp) throws Exception {
        V1Configs c = new V1Configs();
        c.espA = esp;
        c.espB = "aes256gcm16-ecp256,aes128-sha256-modp2048,aes192-sha1-ecp384";
        TwoPeers t = V1Configs.establish(c, true);
        assertEstablished(t);
        String group = esp.substring(esp.lastIndexOf('-') + 1).toUpperCase().replace("MODP", "MODP_").replace("ECP", "ECP_");
        assertThat(t.a.engine.listSas().getFirst().children().getFirst().keyExchange()).isEqualTo(group);
        ChildSaSpec sa = EstablishTest.installed(t.a);
        if (esp.contains("gcm")) {
            assertThat(sa.inbound().encryption()).isEqualTo(EncryptionAlgorithm.AES_GCM_16);
            assertThat(sa.inbound().encryptionKey()).hasSize(36); // 256-bit key + 4-byte salt
            assertThat(sa.inbound().integrityKey()).isEmpty();
        }
    }

    @Test
    void legacy3desAndModp1024Modp1536WhenBothConfigureThem() throws Exception {
        V1Configs c = new V1Configs();
        c.ikeA = "3des-sha1-modp1024";
        c.ikeB = "3des-sha1-modp1024";
        c.espA = "3des-sha1-modp1536";
        c.espB = "3des-sha1-modp1536";
        TwoPeers t = V1Configs.establish(c, true);
        assertEstablished(t);
        assertThat(t.a.engine.listSas().getFirst().encryption()).isEqualTo("3DES_CBC");
        assertThat(t.a.engine.listSas().getFirst().keyExchange()).isEqualTo("MODP_1024");
        assertThat(EstablishTest.installed(t.a).inbound().encryption()).isEqualTo(EncryptionAlgorithm.TRIPLE_DES);
        assertThat(EstablishTest.installed(t.a).inbound().encryptionKey()).hasSize(24);
    }

    @Test
    void transportModeAndHostSelectors() throws Exception {
        V1Configs c = new V1Configs();
        c.mode = ChildConfig.Mode.TRANSPORT;
        c.tsA = "dynamic";
        c.tsB = "dynamic";
        TwoPeers t = V1Configs.establish(c, true);
        assertEstablished(t);
        assertThat(EstablishTest.installed(t.b).mode()).isEqualTo(ChildSaSpec.Mode.TRANSPORT);
        assertThat(t.b.engine.listSas().getFirst().children().getFirst().remoteSelectors()).containsExactly("192.0.2.1/32");
    }

    @Test
    void aggressiveModeWhenTheResponderAllowsIt() throws Exception {
        V1Configs c = new V1Configs();
        c.aggressiveA = true;
        c.aggressiveB = true;
        TwoPeers t = V1Configs.establish(c, true);
        assertEstablished(t);
        assertThat(t.delivered).isEqualTo(6); // 3 Aggressive Mode + 3 Quick Mode
        assertThat(String.join("\n", t.b.log)).contains("offline dictionary attacks");
    }

    @Test
    void responderLifetimeIsTheShorterOne() throws Exception {
        V1Configs c = new V1Configs();
        c.childLife = Duration.ofHours(2);
        c.childLifeB = Duration.ofMinutes(30);
        TwoPeers t = V1Configs.establish(c, true);
        assertEstablished(t);
        assertThat(EstablishTest.installed(t.a).lifetimes().hardSeconds()).isEqualTo(1800);
        assertThat(EstablishTest.installed(t.b).lifetimes().hardSeconds()).isEqualTo(1800);
    }

    @Test
    void natTraversalFloatsTo4500AndEncapsulates() throws Exception {
        V1Configs c = new V1Configs();
        c.remoteOfB = "%any";
        TwoPeers t = c.peers();
        t.natPublicA = java.net.InetAddress.getByName("198.51.100.7");
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        assertEstablished(t);
        ChildSaSpec sa = EstablishTest.installed(t.a), sb = EstablishTest.installed(t.b);
        assertThat(sa.udpEncapsulation()).isTrue();
        assertThat(sb.udpEncapsulation()).isTrue();
        assertThat(sa.local().port()).isEqualTo(4500);
        assertThat(sb.remote().port()).isEqualTo(44500); // the NAT maps 4500 -> 44500
        IkeSaInfo ia = t.a.engine.listSas().getFirst();
        assertThat(ia.natLocal()).isTrue();
        assertThat(t.b.engine.listSas().getFirst().natRemote()).isTrue();
        t.run(Duration.ofSeconds(25));
        assertThat(t.a.outputs(EngineOutput.SendKeepalive.class)).isNotEmpty();
    }

    @Test
    void secondChildOnTheSameIsakmpSa() throws Exception {
        TwoPeers t = V1Configs.establish(new V1Configs(), true);
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        assertThat(t.a.outputs(EngineOutput.InstallChildSa.class)).hasSize(2);
        assertThat(t.b.outputs(EngineOutput.InstallChildSa.class)).hasSize(2);
        assertThat(t.a.engine.listSas()).hasSize(1);
        assertThat(t.a.engine.listSas().getFirst().children()).hasSize(2);
    }

    @Test
    void versionAnyRespondsToIkev1AndVersion2DoesNot() throws Exception {
        V1Configs c = new V1Configs();
        c.versionB = 0;
        assertEstablished(V1Configs.establish(c, true));
        c.versionB = 2;
        TwoPeers t = V1Configs.establish(c, true);
        assertThat(t.b.engine.listSas()).isEmpty();
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).isEmpty();
    }
}
