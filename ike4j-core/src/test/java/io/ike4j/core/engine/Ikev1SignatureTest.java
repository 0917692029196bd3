package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.auth.cert.CertificateRequests;
import io.ike4j.core.auth.keys.KeyKind;
import io.ike4j.core.codec.v1.V1NotifyType;
import io.ike4j.core.config.AuthClass;
import io.ike4j.core.config.AuthConfig;
import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.Credentials;
import io.ike4j.core.config.EngineConfig;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** IKEv1 Main Mode with signatures (RFC 2409 5.1, RFC 4754 7) between two in-process engines, certificates in CERT payloads. */
class Ikev1SignatureTest {
    static final String MOON = "moon.example.org", SUN = "sun.example.org";

    record Side(EngineConfig config, AuthPki.Leaf leaf) {}

    static Side side(AuthPki pki, AuthPki.Leaf leaf, String me, String peer, String local, String remote, Credentials.Builder cred,
                     CertificateRequests.SendPolicy send) {
        AuthConfig l = AuthConfig.builder(AuthClass.PUBKEY).identity(me).cert(leaf.cert()).sendCert(send).build();
        AuthConfig r = AuthConfig.builder(AuthClass.PUBKEY).identity(peer).build();
        EngineConfig c = EngineConfig.builder().credentials(cred.caCert(pki.root).build())
                .connection(ConnectionConfig.builder("gw").version(1).localAddrs(local).remoteAddrs(remote)
                        .ikeProposals("aes128-sha256-modp2048").local(l).remote(r)
                        .child(ChildConfig.builder("net").localTs(local + "/32").remoteTs(remote + "/32").espProposals("aes128-sha256").build())
                        .build()).build();
        return new Side(c, leaf);
    }

    static TwoPeers run(EngineConfig a, EngineConfig b, boolean fromA) throws Exception {
        TwoPeers t = new TwoPeers(a, InetAddress.getByName("192.0.2.1"), b, InetAddress.getByName("192.0.2.2"));
        t.input(fromA ? t.a : t.b, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        return t;
    }

    @ParameterizedTest(name = "{0} initiator A {1}")
    @CsvSource({"RSA, true", "RSA, false", "ECDSA_P256, true", "ECDSA_P256, false", "ECDSA_P384, true"})
    void mainModeWithCertificates(KeyKind kind, boolean fromA) throws Exception {
        AuthPki pki = new AuthPki("V1", kind);
        AuthPki.Leaf moon = pki.leaf(MOON), sun = pki.leaf(SUN);
        // A holds the intermediate and sends it (ALWAYS); B only has the root, so A's chain must reach it in CERTs
        Side a = side(pki, moon, MOON, SUN, "192.0.2.1", "192.0.2.2", AuthPki.credentials(moon).caCert(pki.inter),
                CertificateRequests.SendPolicy.ALWAYS);
        Side b = side(pki, sun, SUN, MOON, "192.0.2.2", "192.0.2.1", AuthPki.credentials(sun).caCert(pki.inter),
                CertificateRequests.SendPolicy.IF_ASKED);
        TwoPeers t = run(a.config(), b.config(), fromA);
        Ikev1EstablishTest.assertEstablished(t);
        String method = kind == KeyKind.RSA ? "RSA_SIGNATURES" : kind == KeyKind.ECDSA_P256 ? "ECDSA_SHA256_P256" : "ECDSA_SHA384_P384";
        assertThat(String.join("\n", t.a.log)).contains("authentication of " + SUN + " with " + method + " successful");
        assertThat(String.join("\n", t.b.log)).contains("authentication of " + MOON + " with " + method + " successful");
        assertThat(t.a.engine.listSas().getFirst().remoteId()).isEqualTo(SUN);
    }

    @ParameterizedTest(name = "initiator A {0}")
    @CsvSource({"true", "false"})
    void untrustedPeerCertificateFailsWithAuthenticationFailed(boolean fromA) throws Exception {
        AuthPki pki = new AuthPki("V1", KeyKind.ECDSA_P256), other = new AuthPki("Other", KeyKind.ECDSA_P256);
        AuthPki.Leaf moon = other.leaf(MOON), sun = pki.leaf(SUN);
        // A's certificate comes from a CA that B does not trust
        Side a = side(other, moon, MOON, SUN, "192.0.2.1", "192.0.2.2", AuthPki.credentials(moon).caCert(other.inter).caCert(pki.root),
                CertificateRequests.SendPolicy.ALWAYS);
        Side b = side(pki, sun, SUN, MOON, "192.0.2.2", "192.0.2.1", AuthPki.credentials(sun).caCert(pki.inter),
                CertificateRequests.SendPolicy.ALWAYS);
        TwoPeers t = run(a.config(), b.config(), fromA);
        for (TwoPeers.Peer p : List.of(t.a, t.b)) assertThat(p.events(SaEvent.ChildSaEstablished.class)).isEmpty();
        assertThat(String.join("\n", t.b.log)).contains("authentication of " + MOON + " with ECDSA_SHA256_P256 failed");
        if (fromA) {
            assertThat(t.b.events(SaEvent.IkeSaFailed.class)).singleElement()
                    .extracting(SaEvent.IkeSaFailed::notifyType).isEqualTo(V1NotifyType.AUTHENTICATION_FAILED.value());
        }
    }

    @ParameterizedTest(name = "initiator A {0}")
    @CsvSource({"true", "false"})
    void rsaAgainstEcdsaFindsNoProposal(boolean fromA) throws Exception {
        AuthPki rsa = new AuthPki("R", KeyKind.RSA), ec = new AuthPki("E", KeyKind.ECDSA_P256);
        AuthPki.Leaf moon = rsa.leaf(MOON), sun = ec.leaf(SUN);
        Side a = side(rsa, moon, MOON, SUN, "192.0.2.1", "192.0.2.2", AuthPki.credentials(moon).caCert(ec.root),
                CertificateRequests.SendPolicy.ALWAYS);
        Side b = side(ec, sun, SUN, MOON, "192.0.2.2", "192.0.2.1", AuthPki.credentials(sun).caCert(rsa.root),
                CertificateRequests.SendPolicy.ALWAYS);
        TwoPeers t = run(a.config(), b.config(), fromA);
        TwoPeers.Peer initiator = fromA ? t.a : t.b;
        assertThat(initiator.events(SaEvent.IkeSaEstablished.class)).isEmpty();
        assertThat(String.join("\n", (fromA ? t.b : t.a).log)).contains("NO_PROPOSAL_CHOSEN");
    }

    /** RSA signatures with XAuth (XAUTH_INIT_RSA, strongSwan: pubkey + xauth rounds): signed Phase 1, then XAuth. */
    @org.junit.jupiter.api.Test
    void rsaSignaturesWithXauth() throws Exception {
        AuthPki pki = new AuthPki("V1X", KeyKind.RSA);
        AuthPki.Leaf moon = pki.leaf(MOON), sun = pki.leaf(SUN);
        io.ike4j.core.config.SharedSecret carol = io.ike4j.core.config.SharedSecret.of("xauth pw", "carol");
        EngineConfig a = side(pki, moon, MOON, SUN, "192.0.2.1", "192.0.2.2", AuthPki.credentials(moon).caCert(pki.inter).eapSecret(carol),
                CertificateRequests.SendPolicy.ALWAYS).config();
        EngineConfig b = side(pki, sun, SUN, MOON, "192.0.2.2", "192.0.2.1", AuthPki.credentials(sun).caCert(pki.inter).eapSecret(carol),
                CertificateRequests.SendPolicy.ALWAYS).config();
        ConnectionConfig ca = a.connections().getFirst(), cb = b.connections().getFirst();
        a = new EngineConfig(List.of(ConnectionConfig.builder("gw").version(1).localAddrs("192.0.2.1").remoteAddrs("192.0.2.2")
                .ikeProposals("aes128-sha256-modp2048").local(ca.local()).remote(ca.remote())
                .addLocalRound(AuthConfig.builder(AuthClass.XAUTH).eapId("carol").build()).child(ca.children().getFirst()).build()),
                a.credentials(), a.settings(), a.pools());
        b = new EngineConfig(List.of(ConnectionConfig.builder("gw").version(1).localAddrs("192.0.2.2").remoteAddrs("192.0.2.1")
                .ikeProposals("aes128-sha256-modp2048").local(cb.local()).remote(cb.remote())
                .addRemoteRound(AuthConfig.builder(AuthClass.XAUTH).build()).child(cb.children().getFirst()).build()),
                b.credentials(), b.settings(), b.pools());
        TwoPeers t = run(a, b, true);
        Ikev1EstablishTest.assertEstablished(t);
        assertThat(String.join("\n", t.b.log)).contains("authentication of " + MOON + " with XAUTH_INIT_RSA successful")
                .contains("XAuth authentication of 'carol' successful");
        assertThat(String.join("\n", t.a.log)).contains("authentication of " + SUN + " with XAUTH_INIT_RSA successful");
    }
}
