package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class IdentityTypesTest {

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource({
        "192.0.2.1,              192.0.2.2",
        "moon.example.org,       @sun.example.org",
        "carol@example.org,      dave@example.org",
        "@#0102030405,           @#a0b0c0d0",
        "gw.example.org,         10.99.0.1",
    })
    void identityTypes(String idA, String idB) throws Exception {
        Configs c = new Configs();
        c.idA = idA;
        c.idB = idB;
        TwoPeers t = EstablishTest.establish(c);
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(t.b.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        IkeSaInfo a = t.a.engine.listSas().getFirst(), b = t.b.engine.listSas().getFirst();
        assertThat(a.localId()).isEqualTo(b.remoteId());
        assertThat(a.remoteId()).isEqualTo(b.localId());
        assertThat(a.localId()).isEqualTo(io.ike4j.core.config.Identity.of(idA).toString());
    }

    @Test
    void ipv6PeersWithDefaultIdentities() throws Exception {
        Configs c = new Configs();
        c.addrA = "2001:db8::1";
        c.addrB = "2001:db8::2";
        c.idA = "2001:db8::1";
        c.idB = "2001:db8::2";
        c.defaultIds = true;
        c.tsA = "fd00:1::/64";
        c.tsB = "fd00:2::/64";
        TwoPeers t = EstablishTest.establish(c);
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        IkeSaInfo a = t.a.engine.listSas().getFirst();
        assertThat(a.localId()).isEqualTo("2001:db8::1");
        assertThat(a.children().getFirst().remoteSelectors()).containsExactly("fd00:2::/64");
        EstablishTest.assertKeysMatch(EstablishTest.installed(t.a), EstablishTest.installed(t.b));
    }

    @Test
    void responderIdentityOutsideTheExpectedPatternFailsTheInitiator() throws Exception {
        Configs ca = new Configs();
        ca.idB = "*.example.org"; // a accepts any responder in example.org (IDr is not sent for a pattern)
        Configs cb = new Configs();
        cb.idB = "sun.example.net";
        TwoPeers t = new TwoPeers(withSecretFor(ca, ca.a()), java.net.InetAddress.getByName(ca.addrA),
                withSecretFor(cb, cb.b()), java.net.InetAddress.getByName(cb.addrB));
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        assertThat(t.a.events(SaEvent.IkeSaFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.notifyType()).isEqualTo(24));
        assertThat(t.a.engine.listSas()).isEmpty();
        // the responder had accepted a, and learns of the failure from a's INFORMATIONAL (RFC 7296 2.21.2)
        assertThat(t.b.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(t.b.events(SaEvent.IkeSaClosed.class)).hasSize(1);
        assertThat(t.b.engine.listSas()).isEmpty();
        assertThat(t.b.outputs(EngineOutput.RemoveChildSa.class)).hasSize(1);
    }

    @Test
    void responderRejectsAnInitiatorAskingForAnotherIdentity() throws Exception {
        Configs ca = new Configs();
        ca.idB = "other.example.org"; // sent as IDr; b is sun.example.org
        TwoPeers t = new TwoPeers(withSecretFor(ca, ca.a()), java.net.InetAddress.getByName(ca.addrA),
                withSecretFor(ca, new Configs().b()), java.net.InetAddress.getByName(ca.addrB));
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        assertThat(t.a.events(SaEvent.IkeSaFailed.class)).singleElement().satisfies(f -> assertThat(f.notifyType()).isEqualTo(24));
        assertThat(t.b.events(SaEvent.IkeSaFailed.class)).singleElement().satisfies(f -> assertThat(f.notifyType()).isEqualTo(24));
        assertThat(t.a.engine.listSas()).isEmpty();
        assertThat(t.b.engine.listSas()).isEmpty();
    }

    private static io.ike4j.core.config.EngineConfig withSecretFor(Configs c, io.ike4j.core.config.EngineConfig cfg) {
        return new io.ike4j.core.config.EngineConfig(cfg.connections(), io.ike4j.core.config.Credentials.ofSecrets(
                io.ike4j.core.config.SharedSecret.of(c.pskA)), cfg.settings());
    }
}
