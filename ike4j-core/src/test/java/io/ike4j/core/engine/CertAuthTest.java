package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.auth.cert.CertificateRequests;
import io.ike4j.core.auth.keys.KeyKind;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.config.AuthClass;
import io.ike4j.core.config.AuthConfig;
import io.ike4j.core.config.AuthIdentities;
import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.Credentials;
import io.ike4j.core.config.EngineConfig;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** IKE_AUTH with certificates and raw public keys between two engines (RFC 7296 2.15, RFC 7427). */
class CertAuthTest {
    static final String MOON = "moon.example.org";
    static final String SUN = "sun.example.org";

    static EngineConfig side(boolean initiator, AuthConfig local, AuthConfig remote, Credentials cred) {
        String me = initiator ? "192.0.2.1" : "192.0.2.2";
        String other = initiator ? "192.0.2.2" : "%any";
        return EngineConfig.builder().credentials(cred)
                .connection(ConnectionConfig.builder("gw").localAddrs(me).remoteAddrs(other)
                        .ikeProposals("aes256gcm16-prfsha256-x25519").local(local).remote(remote)
                        .child(ChildConfig.builder("net").localTs(initiator ? "10.1.0.0/16" : "10.2.0.0/16")
                                .remoteTs(initiator ? "10.2.0.0/16" : "10.1.0.0/16").espProposals("aes128gcm16").build())
                        .build()).build();
    }

    static TwoPeers run(EngineConfig a, EngineConfig b) throws Exception {
        TwoPeers t = new TwoPeers(a, InetAddress.getByName("192.0.2.1"), b, InetAddress.getByName("192.0.2.2"));
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        return t;
    }

    static void assertEstablished(TwoPeers t) {
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).as("a established, log: %s", t.a.log).hasSize(1);
        assertThat(t.b.events(SaEvent.IkeSaEstablished.class)).as("b established, log: %s", t.b.log).hasSize(1);
        assertThat(t.a.events(SaEvent.ChildSaEstablished.class)).hasSize(1);
        assertThat(t.b.events(SaEvent.ChildSaEstablished.class)).hasSize(1);
    }

    /** The responder refused the initiator: both sides fail with AUTHENTICATION_FAILED, b logs why. */
    static void assertRefusedByResponder(TwoPeers t, String why) {
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).isEmpty();
        assertThat(t.b.events(SaEvent.IkeSaEstablished.class)).isEmpty();
        assertThat(t.a.events(SaEvent.IkeSaFailed.class)).singleElement()
                .extracting(SaEvent.IkeSaFailed::notifyType).isEqualTo(NotifyType.AUTHENTICATION_FAILED.value());
        assertThat(t.b.events(SaEvent.IkeSaFailed.class)).singleElement()
                .extracting(SaEvent.IkeSaFailed::notifyType).isEqualTo(NotifyType.AUTHENTICATION_FAILED.value());
        assertThat(String.join("\n", t.b.log)).contains("AUTHENTICATION_FAILED").contains(why);
    }

    static AuthConfig certRound(AuthPki.Leaf leaf, String id) {
        return AuthConfig.builder(AuthClass.PUBKEY).identity(id).cert(leaf.cert()).build();
    }

    static AuthConfig expect(String id) {
        return AuthConfig.builder(AuthClass.PUBKEY).identity(id).build();
    }

    @ParameterizedTest(name = "{0} pss={1}")
    @CsvSource({"RSA,false,RSA_PKCS1_SHA", "RSA,true,RSA_PSS_SHA", "ECDSA_P256,false,ECDSA_SHA256", "ECDSA_P384,false,ECDSA_SHA384",
            "ED25519,false,ED25519", "ECDSA_P521,false,ECDSA_SHA512", "ED448,false,ED448"})
    void certificateChainsOfEveryScheme(KeyKind kind, boolean pss, String scheme) throws Exception {
        AuthPki pkiA = new AuthPki("A", kind), pkiB = new AuthPki("B", kind);
        AuthPki.Leaf moon = pkiA.leaf(MOON), sun = pkiB.leaf(SUN);
        // each side holds its own intermediate (to send) and trusts the other's root only
        EngineConfig a = side(true, AuthConfig.builder(AuthClass.PUBKEY).identity(MOON).cert(moon.cert()).rsaPss(pss).build(),
                expect(SUN), AuthPki.credentials(moon).caCert(pkiA.inter).caCert(pkiB.root).build());
        EngineConfig b = side(false, AuthConfig.builder(AuthClass.PUBKEY).identity(SUN).cert(sun.cert()).rsaPss(pss).build(),
                expect(MOON), AuthPki.credentials(sun).caCert(pkiB.inter).caCert(pkiA.root).build());
        TwoPeers t = run(a, b);
        assertEstablished(t);
        assertThat(String.join("\n", t.a.log)).contains("authentication of " + MOON + " (myself) with " + scheme);
        assertThat(String.join("\n", t.b.log)).contains("authentication of " + SUN + " (myself) with " + scheme)
                .contains("authentication of " + MOON + " with public key successful");
        assertThat(String.join("\n", t.a.log)).contains("authentication of " + SUN + " with public key successful");
    }

    private record Pair(AuthPki pki, AuthPki.Leaf moon, AuthPki.Leaf sun) {}

    private static Pair pair(KeyKind kind) throws Exception {
        AuthPki pki = new AuthPki("A", kind);
        return new Pair(pki, pki.leaf(MOON), pki.leaf(SUN));
    }

    private static EngineConfig responder(Pair p, Credentials.Builder extra) {
        return side(false, certRound(p.sun, SUN), expect(MOON), extra.caCert(p.pki.inter).caCert(p.pki.root).build());
    }

    private static Credentials.Builder creds(AuthPki.Leaf leaf) {
        try {
            return AuthPki.credentials(leaf);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void revokedCertificateIsRefused() throws Exception {
        Pair p = pair(KeyKind.ECDSA_P256);
        EngineConfig a = side(true, certRound(p.moon, MOON), expect(SUN), creds(p.moon).caCert(p.pki.inter).caCert(p.pki.root).build());
        TwoPeers t = run(a, responder(p, creds(p.sun).crl(p.pki.crl(p.moon.cert()))));
        assertRefusedByResponder(t, "revoked");
    }

    @Test
    void expiredCertificateIsRefused() throws Exception {
        Pair p = pair(KeyKind.ECDSA_P256);
        AuthPki.Leaf old = p.pki.leaf(KeyKind.ECDSA_P256, MOON, AuthPki.NOW.minus(Duration.ofDays(400)), AuthPki.NOW.minus(Duration.ofDays(35)));
        EngineConfig a = side(true, certRound(old, MOON), expect(SUN), creds(old).caCert(p.pki.inter).caCert(p.pki.root).build());
        TwoPeers t = run(a, responder(p, creds(p.sun)));
        assertRefusedByResponder(t, "expired");
    }

    @Test
    void untrustedChainIsRefused() throws Exception {
        Pair p = pair(KeyKind.ECDSA_P256);
        AuthPki other = new AuthPki("Other", KeyKind.ECDSA_P256);
        EngineConfig a = side(true, certRound(p.moon, MOON), expect(SUN), creds(p.moon).caCert(p.pki.inter).caCert(p.pki.root).build());
        EngineConfig b = side(false, certRound(p.sun, SUN), expect(MOON), creds(p.sun).caCert(other.root).build());
        TwoPeers t = run(a, b);
        assertRefusedByResponder(t, "untrusted chain");
    }

    @Test
    void identityNotInCertificateIsRefused() throws Exception {
        Pair p = pair(KeyKind.ECDSA_P256);
        EngineConfig a = side(true, certRound(p.moon, "mars.example.org"), expect(SUN),
                creds(p.moon).caCert(p.pki.inter).caCert(p.pki.root).build());
        EngineConfig b = side(false, certRound(p.sun, SUN), expect("%any"), creds(p.sun).caCert(p.pki.inter).caCert(p.pki.root).build());
        TwoPeers t = run(a, b);
        assertRefusedByResponder(t, "identity mismatch");
    }

    @Test
    void distinguishedNameIdentitiesAndWildcardPatterns() throws Exception {
        Pair p = pair(KeyKind.ECDSA_P384);
        String moonDn = "C=CH, O=A, CN=" + MOON;
        AuthConfig aLocal = AuthConfig.builder(AuthClass.PUBKEY).identity(AuthIdentities.parse(moonDn).orElseThrow()).cert(p.moon.cert()).build();
        AuthConfig bRemote = AuthConfig.builder(AuthClass.PUBKEY).idPattern(AuthIdentities.pattern("C=CH, O=A, CN=*").orElseThrow()).build();
        EngineConfig a = side(true, aLocal, expect(SUN), creds(p.moon).caCert(p.pki.inter).caCert(p.pki.root).build());
        EngineConfig b = side(false, certRound(p.sun, SUN), bRemote, creds(p.sun).caCert(p.pki.inter).caCert(p.pki.root).build());
        assertEstablished(run(a, b));

        AuthConfig wrongPattern = AuthConfig.builder(AuthClass.PUBKEY).idPattern(AuthIdentities.pattern("C=CH, O=B, CN=*").orElseThrow()).build();
        EngineConfig b2 = side(false, certRound(p.sun, SUN), wrongPattern, creds(p.sun).caCert(p.pki.inter).caCert(p.pki.root).build());
        assertRefusedByResponder(run(a, b2), "no connection matches");
    }

    @Test
    void certificateRequestSelectsTheChainThePeerTrusts() throws Exception {
        AuthPki first = new AuthPki("First", KeyKind.ECDSA_P256), second = new AuthPki("Second", KeyKind.ECDSA_P256);
        AuthPki.Leaf moon1 = first.leaf(MOON), moon2 = second.leaf(MOON), sun = second.leaf(SUN);
        AuthConfig aLocal = AuthConfig.builder(AuthClass.PUBKEY).identity(MOON).cert(moon1.cert()).cert(moon2.cert()).build();
        EngineConfig a = side(true, aLocal, expect(SUN), AuthPki.credentials(moon1, moon2)
                .caCert(first.inter).caCert(first.root).caCert(second.inter).caCert(second.root).build());
        // b trusts only the second root and does not hold its intermediate: a must send moon2 + second.inter
        EngineConfig b = side(false, certRound(sun, SUN), expect(MOON), creds(sun).caCert(second.root).build());
        TwoPeers t = run(a, b);
        assertEstablished(t);

        // send_cert = never: b cannot build the chain
        AuthConfig never = AuthConfig.builder(AuthClass.PUBKEY).identity(MOON).cert(moon2.cert())
                .sendCert(CertificateRequests.SendPolicy.NEVER).build();
        EngineConfig a2 = side(true, never, expect(SUN), AuthPki.credentials(moon2).caCert(second.inter).caCert(second.root).build());
        assertRefusedByResponder(run(a2, b), "sent no certificate");
    }

    @Test
    void rawPublicKeys() throws Exception {
        Pair p = pair(KeyKind.ED25519);
        AuthConfig aLocal = AuthConfig.builder(AuthClass.PUBKEY).identity(MOON).pubkey(p.moon.key().getPublic()).build();
        AuthConfig aRemote = AuthConfig.builder(AuthClass.PUBKEY).identity(SUN).pubkey(p.sun.key().getPublic()).build();
        AuthConfig bLocal = AuthConfig.builder(AuthClass.PUBKEY).identity(SUN).pubkey(p.sun.key().getPublic()).build();
        AuthConfig bRemote = AuthConfig.builder(AuthClass.PUBKEY).identity(MOON).pubkey(p.moon.key().getPublic()).build();
        TwoPeers t = run(side(true, aLocal, aRemote, creds(p.moon).build()), side(false, bLocal, bRemote, creds(p.sun).build()));
        assertEstablished(t);
        assertThat(String.join("\n", t.a.log)).contains("with raw public key");

        AuthConfig bWrong = AuthConfig.builder(AuthClass.PUBKEY).identity(MOON).pubkey(p.sun.key().getPublic()).build();
        assertRefusedByResponder(run(side(true, aLocal, aRemote, creds(p.moon).build()), side(false, bLocal, bWrong, creds(p.sun).build())),
                "not verified with the configured public keys");
    }

    @Test
    void initiatorRefusesAResponderWithAnUntrustedCertificate() throws Exception {
        AuthPki pkiA = new AuthPki("A", KeyKind.ECDSA_P256), pkiB = new AuthPki("B", KeyKind.ECDSA_P256);
        AuthPki other = new AuthPki("Other", KeyKind.ECDSA_P256);
        AuthPki.Leaf moon = pkiA.leaf(MOON), sun = pkiB.leaf(SUN);
        // every CA certificate we hold is trusted (strongSwan): a holds only its own intermediate and another root
        EngineConfig a = side(true, certRound(moon, MOON), expect(SUN), creds(moon).caCert(pkiA.inter).caCert(other.root).build());
        EngineConfig b = side(false, certRound(sun, SUN), expect(MOON), creds(sun).caCert(pkiB.inter).caCert(pkiA.root).build());
        TwoPeers t = run(a, b);
        assertThat(t.a.events(SaEvent.IkeSaFailed.class)).singleElement()
                .extracting(SaEvent.IkeSaFailed::notifyType).isEqualTo(NotifyType.AUTHENTICATION_FAILED.value());
        assertThat(String.join("\n", t.a.log)).contains("AUTHENTICATION_FAILED").contains("untrusted chain");
        assertThat(t.b.events(SaEvent.IkeSaEstablished.class)).as("b log %s", t.b.log).hasSize(1); // b accepted a
    }
}
