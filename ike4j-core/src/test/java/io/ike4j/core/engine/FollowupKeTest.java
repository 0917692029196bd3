package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.sa.ChildSaSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 9370 2.2.4: CREATE_CHILD_SA with additional key exchanges continues in IKE_FOLLOWUP_KE exchanges, for rekeying
 * the IKE SA and for CHILD_SAs with PFS. Both peers must end with the same keys: the IKE SA rekey is proven by a
 * later CHILD_SA rekey (keyed from the new SK_d) whose keys match on both sides.
 */
class FollowupKeTest {

    private static long followups(TwoPeers.Peer p) {
        return p.log.stream().filter(l -> l.contains("(IKE_FOLLOWUP_KE)")).count();
    }

    @ParameterizedTest
    @CsvSource({"aes256gcm16-prfsha256-x25519-ke1_mlkem768, 1", "aes256gcm16-prfsha384-ecp384-ke1_mlkem1024, 1",
            "aes128gcm16-prfsha256-x25519-ke1_mlkem512-ke2_mlkem768, 2"})
    void ikeSaRekeyRunsTheAdditionalKeyExchangesAsFollowups(String ike, int additional) throws Exception {
        Configs c = new Configs();
        c.ike = ike;
        c.ikeRekey = Duration.ofMinutes(40); // once before the CHILD_SA rekey at ~1h, not again close to it
        TwoPeers t = EstablishTest.establish(c);
        IkeSaInfo before = t.a.engine.listSas().getFirst();
        t.run(Duration.ofMinutes(45));
        IkeSaInfo a = t.a.engine.listSas().getFirst(), b = t.b.engine.listSas().getFirst();
        assertThat(a.initiatorSpi()).isNotEqualTo(before.initiatorSpi()).isEqualTo(b.initiatorSpi());
        assertThat(a.responderSpi()).isEqualTo(b.responderSpi());
        for (TwoPeers.Peer p : List.of(t.a, t.b)) {
            assertThat(p.engine.listSas()).hasSize(1);
            assertThat(followups(p)).as("one IKE_FOLLOWUP_KE per additional key exchange, logged by each side")
                    .isEqualTo(additional);
            assertThat(p.log).anyMatch(l -> l.contains("rekeyed, SPIs"));
            assertThat(p.log).noneMatch(l -> l.contains("failed") || l.contains("internal error") || l.contains("dropped"));
            assertThat(p.events(SaEvent.IkeSaClosed.class)).isEmpty();
        }
        // the CHILD_SA rekey at ~1h runs over the rekeyed IKE SA: equal keys prove both derived the same SK_d
        t.run(Duration.ofMinutes(20));
        assertThat(t.a.outputs(EngineOutput.InstallChildSa.class)).hasSize(2);
        EstablishTest.assertKeysMatch(t.a.outputs(EngineOutput.InstallChildSa.class).getLast().spec(),
                t.b.outputs(EngineOutput.InstallChildSa.class).getLast().spec());
    }

    @ParameterizedTest
    @CsvSource({"aes256gcm16-x25519-ke1_mlkem768, 1", "aes128gcm16-ecp256-ke1_mlkem512-ke2_mlkem1024, 2"})
    void childSaRekeyWithPfsAndAdditionalKeyExchanges(String esp, int additional) throws Exception {
        Configs c = new Configs();
        c.esp = esp;
        TwoPeers t = EstablishTest.establish(c);
        ChildSaSpec first = EstablishTest.installed(t.a);
        t.run(Duration.ofMinutes(61));
        for (TwoPeers.Peer p : List.of(t.a, t.b)) {
            assertThat(p.outputs(EngineOutput.InstallChildSa.class)).hasSize(2);
            assertThat(p.outputs(EngineOutput.RemoveChildSa.class)).hasSize(1);
            assertThat(followups(p)).isEqualTo(additional);
            assertThat(p.engine.listSas()).singleElement().satisfies(i -> assertThat(i.children()).hasSize(1));
        }
        ChildSaSpec na = t.a.outputs(EngineOutput.InstallChildSa.class).getLast().spec();
        EstablishTest.assertKeysMatch(na, t.b.outputs(EngineOutput.InstallChildSa.class).getLast().spec());
        assertThat(na.inbound().encryptionKey()).isNotEqualTo(first.inbound().encryptionKey());
        assertThat(t.a.outputs(EngineOutput.RemoveChildSa.class).getFirst().inboundSpi()).isEqualTo(first.inbound().spi());
    }

    @Test
    void childSaAdditionalKeyExchangesSurviveAnIkeRekeyWithThemToo() throws Exception {
        Configs c = new Configs();
        c.ike = "aes256gcm16-prfsha256-x25519-ke1_mlkem768";
        c.esp = "aes256gcm16-x25519-ke1_mlkem768";
        c.ikeRekey = Duration.ofMinutes(40);
        TwoPeers t = EstablishTest.establish(c);
        t.run(Duration.ofMinutes(65));
        for (TwoPeers.Peer p : List.of(t.a, t.b)) {
            assertThat(followups(p)).as("IKE rekey and CHILD rekey each ran one").isEqualTo(2);
            assertThat(p.engine.listSas()).singleElement().satisfies(i -> assertThat(i.children()).hasSize(1));
        }
        EstablishTest.assertKeysMatch(t.a.outputs(EngineOutput.InstallChildSa.class).getLast().spec(),
                t.b.outputs(EngineOutput.InstallChildSa.class).getLast().spec());
    }

    private static io.ike4j.core.config.EngineConfig twoChildren(String local, String remote, String lid, String rid,
                                                                 String net2Local, String net2Remote) {
        return io.ike4j.core.config.EngineConfig.builder().secret(io.ike4j.core.config.SharedSecret.of("psk"))
                .connection(io.ike4j.core.config.ConnectionConfig.builder("gw").localAddrs(local).remoteAddrs(remote)
                        .ikeProposals("aes128-sha256-ecp256").local(io.ike4j.core.config.AuthConfig.psk(lid))
                        .remote(io.ike4j.core.config.AuthConfig.psk(rid))
                        .child(io.ike4j.core.config.ChildConfig.builder("net").localTs(local + "/32").remoteTs(remote + "/32").build())
                        .child(io.ike4j.core.config.ChildConfig.builder("net2").localTs(net2Local).remoteTs(net2Remote)
                                .espProposals("aes256gcm16-x25519-ke1_mlkem768-ke2_mlkem512").build())
                        .build()).build();
    }

    /** A new CHILD_SA (RFC 7296 1.3.1) started by the IKE SA's responder, with PFS and two additional key exchanges. */
    @Test
    void newChildSaFromTheIkeResponderRunsTwoFollowups() throws Exception {
        TwoPeers t = new TwoPeers(twoChildren("192.0.2.1", "192.0.2.2", "a.example", "b.example", "10.1.0.0/16", "10.2.0.0/16"),
                java.net.InetAddress.getByName("192.0.2.1"),
                twoChildren("192.0.2.2", "192.0.2.1", "b.example", "a.example", "10.2.0.0/16", "10.1.0.0/16"),
                java.net.InetAddress.getByName("192.0.2.2"));
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        t.input(t.b, new EngineInput.Initiate("gw", "net2"));
        t.run(Duration.ofSeconds(1));
        for (TwoPeers.Peer p : List.of(t.a, t.b)) {
            assertThat(followups(p)).isEqualTo(2);
            assertThat(p.engine.listSas()).singleElement().satisfies(i -> {
                assertThat(i.children()).extracting(ChildSaInfo::name).containsExactly("net", "net2");
                assertThat(i.children().get(1).keyExchange()).isEqualTo("CURVE_25519");
            });
        }
        EstablishTest.assertKeysMatch(t.a.outputs(EngineOutput.InstallChildSa.class).get(1).spec(),
                t.b.outputs(EngineOutput.InstallChildSa.class).get(1).spec());
    }
}
