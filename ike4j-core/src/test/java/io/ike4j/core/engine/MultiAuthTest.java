package io.ike4j.core.engine;

import static io.ike4j.core.engine.CertAuthTest.MOON;
import static io.ike4j.core.engine.CertAuthTest.SUN;
import static io.ike4j.core.engine.CertAuthTest.assertEstablished;
import static io.ike4j.core.engine.CertAuthTest.assertRefusedByResponder;
import static io.ike4j.core.engine.CertAuthTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.auth.keys.KeyKind;
import io.ike4j.core.config.AuthClass;
import io.ike4j.core.config.AuthConfig;
import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.Credentials;
import io.ike4j.core.config.EapMethod;
import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.config.Identity;
import io.ike4j.core.config.SharedSecret;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Multiple authentication rounds of the initiator (RFC 4739) between two engines, strongSwan's local-N/remote-N. */
class MultiAuthTest {
    static AuthPki pki;
    static AuthPki.Leaf moon;
    static AuthPki.Leaf sun;

    @BeforeAll
    static void pki() throws Exception {
        pki = new AuthPki("A", KeyKind.ECDSA_P256);
        moon = pki.leaf(MOON);
        sun = pki.leaf(SUN);
    }

    static EngineConfig side(boolean initiator, List<AuthConfig> local, List<AuthConfig> remote, Credentials cred) {
        String me = initiator ? "192.0.2.1" : "192.0.2.2";
        ConnectionConfig.Builder c = ConnectionConfig.builder("gw").localAddrs(me).remoteAddrs(initiator ? "192.0.2.2" : "%any")
                .ikeProposals("aes256gcm16-prfsha256-x25519").local(local.getFirst()).remote(remote.getFirst())
                .child(ChildConfig.builder("net").localTs(initiator ? "10.1.0.0/16" : "10.2.0.0/16")
                        .remoteTs(initiator ? "10.2.0.0/16" : "10.1.0.0/16").espProposals("aes128gcm16").build());
        local.stream().skip(1).forEach(c::addLocalRound);
        remote.stream().skip(1).forEach(c::addRemoteRound);
        return EngineConfig.builder().credentials(cred).connection(c.build()).build();
    }

    static AuthConfig cert(AuthPki.Leaf leaf, String id) {
        return AuthConfig.builder(AuthClass.PUBKEY).identity(id).cert(leaf.cert()).build();
    }

    static AuthConfig pubkey(String id) {
        return AuthConfig.builder(AuthClass.PUBKEY).identity(id).build();
    }

    static AuthConfig eapClient(EapMethod m) {
        return AuthConfig.builder(AuthClass.EAP).identity("carol@example.org").eap(m).eapId("carol").build();
    }

    static AuthConfig eapServer(EapMethod m) {
        return AuthConfig.builder(AuthClass.EAP).eap(m).eapId("%any").build();
    }

    static EngineConfig initiator(List<AuthConfig> local, String password) throws Exception {
        return side(true, local, List.of(pubkey(SUN)), AuthPki.credentials(moon).caCert(pki.inter).caCert(pki.root)
                .eapSecret(SharedSecret.of(password, "carol")).build());
    }

    static EngineConfig responder(List<AuthConfig> remote) throws Exception {
        return side(false, List.of(cert(sun, SUN)), remote, AuthPki.credentials(sun).caCert(pki.inter).caCert(pki.root)
                .eapSecret(SharedSecret.of("carol's password", "carol")).build());
    }

    @Test
    void certificateThenEapMschapv2() throws Exception {
        TwoPeers t = run(initiator(List.of(cert(moon, MOON), eapClient(EapMethod.MSCHAPV2)), "carol's password"),
                responder(List.of(pubkey(MOON), eapServer(EapMethod.MSCHAPV2))));
        assertEstablished(t);
        String b = String.join("\n", t.b.log);
        assertThat(b).contains("authentication of " + MOON + " with public key successful")
                .contains("authentication round 1 of " + MOON + " done, another follows (RFC 4739)")
                .contains("authentication round 2: initiating EAP-MSCHAPV2 with carol@example.org")
                .contains("EAP method succeeded for 'carol', MSK established");
        assertThat(String.join("\n", t.a.log)).contains("authentication round 2: authenticating as carol@example.org");
        // as strongSwan, the SA carries the identity of the last round
        assertThat(t.b.events(SaEvent.IkeSaEstablished.class).getFirst().info().remoteId()).isEqualTo("carol@example.org");
        EstablishTest.assertKeysMatch(EstablishTest.installed(t.a), EstablishTest.installed(t.b));
    }

    @Test
    void certificateThenEapMd5WithoutMsk() throws Exception {
        TwoPeers t = run(initiator(List.of(cert(moon, MOON), eapClient(EapMethod.MD5)), "carol's password"),
                responder(List.of(pubkey(MOON), eapServer(EapMethod.MD5))));
        assertEstablished(t);
        assertThat(String.join("\n", t.b.log)).contains("EAP method succeeded for 'carol', no MSK");
    }

    @Test
    void eapThenCertificate() throws Exception {
        TwoPeers t = run(initiator(List.of(eapClient(EapMethod.MSCHAPV2), cert(moon, MOON)), "carol's password"),
                responder(List.of(eapServer(EapMethod.MSCHAPV2), pubkey(MOON))));
        assertEstablished(t);
        assertThat(String.join("\n", t.b.log)).contains("authentication of " + MOON + " with public key successful (round 2)");
    }

    @Test
    void threeRoundsWithAPskInTheMiddle() throws Exception {
        AuthConfig psk = AuthConfig.psk("moon-psk.example.org");
        Credentials.Builder ca = AuthPki.credentials(moon).caCert(pki.inter).caCert(pki.root)
                .eapSecret(SharedSecret.of("carol's password", "carol"))
                .sharedKey(SharedSecret.of("a shared secret of round two", "moon-psk.example.org", SUN));
        EngineConfig a = side(true, List.of(cert(moon, MOON), psk, eapClient(EapMethod.MD5)), List.of(pubkey(SUN)), ca.build());
        Credentials.Builder cb = AuthPki.credentials(sun).caCert(pki.inter).caCert(pki.root)
                .eapSecret(SharedSecret.of("carol's password", "carol"))
                .sharedKey(SharedSecret.of("a shared secret of round two", "moon-psk.example.org", SUN));
        EngineConfig b = side(false, List.of(cert(sun, SUN)), List.of(pubkey(MOON), AuthConfig.psk("moon-psk.example.org"),
                eapServer(EapMethod.MD5)), cb.build());
        TwoPeers t = run(a, b);
        assertEstablished(t);
        assertThat(String.join("\n", t.b.log)).contains("with pre-shared key successful (round 2)")
                .contains("authentication round 2 of moon-psk.example.org done, another follows");
    }

    @Test
    void secondRoundWithTheWrongPasswordIsRefused() throws Exception {
        TwoPeers t = run(initiator(List.of(cert(moon, MOON), eapClient(EapMethod.MSCHAPV2)), "guess"),
                responder(List.of(pubkey(MOON), eapServer(EapMethod.MSCHAPV2))));
        assertRefusedByResponder(t, "EAP authentication of 'carol' failed");
    }

    @Test
    void oneRoundWhereTwoAreRequiredIsRefused() throws Exception {
        TwoPeers t = run(initiator(List.of(cert(moon, MOON)), "carol's password"),
                responder(List.of(pubkey(MOON), eapServer(EapMethod.MSCHAPV2))));
        assertRefusedByResponder(t, "insufficient authentication rounds: 1 of 2 done");
    }

    @Test
    void secondRoundIdentityMustMatch() throws Exception {
        TwoPeers t = run(initiator(List.of(cert(moon, MOON), AuthConfig.builder(AuthClass.EAP).identity("dave@example.org")
                        .eap(EapMethod.MD5).eapId("carol").build()), "carol's password"),
                responder(List.of(pubkey(MOON), AuthConfig.builder(AuthClass.EAP).identity(Identity.of("carol@example.org"))
                        .eap(EapMethod.MD5).eapId("%any").build())));
        assertRefusedByResponder(t, "round 2: identity dave@example.org does not match carol@example.org");
    }
}
