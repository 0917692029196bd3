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
    void unexpectedResponderIdentityFailsTheInitiator() throws Exception {
        Configs c = new Configs();
        TwoPeers t = c.peers();
        // a expects "sun.example.org" but b presents another identity (with a secret both know)
        Configs other = new Configs();
        other.idB = "other.example.org";
        t = new TwoPeers(c.a(), java.net.InetAddress.getByName(c.addrA), withSecretFor(other), java.net.InetAddress.getByName(c.addrB));
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        assertThat(t.a.events(SaEvent.IkeSaFailed.class)).hasSize(1);
        assertThat(t.a.engine.listSas()).isEmpty();
    }

    private static io.ike4j.core.config.EngineConfig withSecretFor(Configs other) {
        io.ike4j.core.config.EngineConfig b = other.b();
        return new io.ike4j.core.config.EngineConfig(b.connections(), io.ike4j.core.config.Credentials.ofSecrets(
                io.ike4j.core.config.SharedSecret.of(other.pskA)), b.settings());
    }
}
