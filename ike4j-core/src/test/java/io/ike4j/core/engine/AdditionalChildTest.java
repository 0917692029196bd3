package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.config.AuthConfig;
import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.config.SharedSecret;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** RFC 7296 1.3.1: further CHILD_SAs on an established IKE SA with CREATE_CHILD_SA. */
class AdditionalChildTest {

    private static EngineConfig config(String local, String remote, String lid, String rid, String net2Local, String net2Remote) {
        return config(local, remote, lid, rid, net2Local, net2Remote, "aes256gcm16-x25519");
    }

    private static EngineConfig config(String local, String remote, String lid, String rid, String net2Local, String net2Remote,
                                       String esp2) {
        return EngineConfig.builder().secret(SharedSecret.of("psk"))
                .connection(ConnectionConfig.builder("gw").localAddrs(local).remoteAddrs(remote)
                        .ikeProposals("aes128-sha256-ecp256").local(AuthConfig.psk(lid)).remote(AuthConfig.psk(rid))
                        .child(ChildConfig.builder("net").localTs(local + "/32").remoteTs(remote + "/32").build())
                        .child(ChildConfig.builder("net2").localTs(net2Local).remoteTs(net2Remote)
                                .espProposals(esp2).build())
                        .build()).build();
    }

    @Test
    void secondChildIsCreatedOnTheExistingIkeSa() throws Exception {
        TwoPeers t = new TwoPeers(config("192.0.2.1", "192.0.2.2", "a.example", "b.example", "10.1.0.0/16", "10.2.0.0/16"),
                InetAddress.getByName("192.0.2.1"),
                config("192.0.2.2", "192.0.2.1", "b.example", "a.example", "10.2.0.0/16", "10.1.0.0/16"),
                InetAddress.getByName("192.0.2.2"));
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        t.input(t.a, new EngineInput.Initiate("gw", "net2"));
        t.run(Duration.ofSeconds(1));
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        for (TwoPeers.Peer p : java.util.List.of(t.a, t.b)) {
            assertThat(p.engine.listSas()).singleElement().satisfies(i -> {
                assertThat(i.children()).extracting(ChildSaInfo::name).containsExactly("net", "net2");
                assertThat(i.children().get(1).keyExchange()).isEqualTo("CURVE_25519"); // PFS in CREATE_CHILD_SA
            });
        }
        var a2 = t.a.outputs(EngineOutput.InstallChildSa.class).get(1).spec();
        var b2 = t.b.outputs(EngineOutput.InstallChildSa.class).get(1).spec();
        EstablishTest.assertKeysMatch(a2, b2);
        assertThat(t.a.engine.listSas().getFirst().children().get(1).localSelectors()).containsExactly("10.1.0.0/16");
    }

    @Test
    void initiateWithNewIkeSaDoesNotReuseTheEstablishedOne() throws Exception {
        TwoPeers t = new TwoPeers(config("192.0.2.1", "192.0.2.2", "a.example", "b.example", "10.1.0.0/16", "10.2.0.0/16"),
                InetAddress.getByName("192.0.2.1"),
                config("192.0.2.2", "192.0.2.1", "b.example", "a.example", "10.2.0.0/16", "10.1.0.0/16"),
                InetAddress.getByName("192.0.2.2"));
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        t.input(t.a, new EngineInput.Initiate("gw", "net", true));
        t.run(Duration.ofSeconds(1));
        var up = t.a.events(SaEvent.IkeSaEstablished.class);
        assertThat(up).hasSize(2);
        assertThat(up.get(0).ikeSaId()).isNotEqualTo(up.get(1).ikeSaId());
        assertThat(t.a.events(SaEvent.ChildSaEstablished.class)).extracting(SaEvent.ChildSaEstablished::ikeSaId)
                .containsExactly(up.get(0).ikeSaId(), up.get(1).ikeSaId());
    }

    @Test
    void invalidKePayloadForPfsIsRetriedWithTheRequestedGroup() throws Exception {
        TwoPeers t = new TwoPeers(config("192.0.2.1", "192.0.2.2", "a.example", "b.example", "10.1.0.0/16", "10.2.0.0/16",
                "aes256gcm16-modp2048-x25519"), InetAddress.getByName("192.0.2.1"),
                config("192.0.2.2", "192.0.2.1", "b.example", "a.example", "10.2.0.0/16", "10.1.0.0/16"),
                InetAddress.getByName("192.0.2.2"));
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        int before = t.delivered;
        t.input(t.a, new EngineInput.Initiate("gw", "net2"));
        t.run(Duration.ofSeconds(1));
        assertThat(t.delivered - before).isEqualTo(4); // INVALID_KE_PAYLOAD round trip + CREATE_CHILD_SA
        assertThat(t.a.events(SaEvent.ChildSaFailed.class)).isEmpty();
        assertThat(t.a.engine.listSas().getFirst().children()).hasSize(2);
        assertThat(t.a.engine.listSas().getFirst().children().get(1).keyExchange()).isEqualTo("CURVE_25519");
        EstablishTest.assertKeysMatch(t.a.outputs(EngineOutput.InstallChildSa.class).get(1).spec(),
                t.b.outputs(EngineOutput.InstallChildSa.class).get(1).spec());
    }

    @Test
    void unacceptableAdditionalChildFailsAloneAndIkeSaStays() throws Exception {
        TwoPeers t = new TwoPeers(config("192.0.2.1", "192.0.2.2", "a.example", "b.example", "10.1.0.0/16", "10.2.0.0/16"),
                InetAddress.getByName("192.0.2.1"),
                config("192.0.2.2", "192.0.2.1", "b.example", "a.example", "172.16.0.0/16", "172.17.0.0/16"),
                InetAddress.getByName("192.0.2.2"));
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        t.input(t.a, new EngineInput.Initiate("gw", "net2"));
        t.run(Duration.ofSeconds(1));
        assertThat(t.a.events(SaEvent.ChildSaFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.notifyType()).isEqualTo(38));
        assertThat(t.a.engine.listSas()).singleElement().satisfies(i -> assertThat(i.children()).hasSize(1));
        assertThat(t.b.engine.listSas()).singleElement().satisfies(i -> assertThat(i.children()).hasSize(1));
    }
}
