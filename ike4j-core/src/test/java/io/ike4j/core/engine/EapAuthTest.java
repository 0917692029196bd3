package io.ike4j.core.engine;

import static io.ike4j.core.engine.CertAuthTest.MOON;
import static io.ike4j.core.engine.CertAuthTest.SUN;
import static io.ike4j.core.engine.CertAuthTest.assertEstablished;
import static io.ike4j.core.engine.CertAuthTest.run;
import static io.ike4j.core.engine.CertAuthTest.side;
import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.auth.eap.EapMessage;
import io.ike4j.core.auth.eap.EapMsChapV2Server;
import io.ike4j.core.auth.eap.EapServerMethod;
import io.ike4j.core.auth.eap.EapServerSession;
import io.ike4j.core.auth.eap.EapStart;
import io.ike4j.core.auth.eap.EapStep;
import io.ike4j.core.auth.eap.EapTlsConfig;
import io.ike4j.core.auth.eap.EapType;
import io.ike4j.core.auth.keys.KeyKind;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.config.AuthClass;
import io.ike4j.core.config.AuthConfig;
import io.ike4j.core.config.Credentials;
import io.ike4j.core.config.EapBackend;
import io.ike4j.core.config.EapMethod;
import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.config.SharedSecret;
import io.ike4j.core.crypto.RandomSource;
import java.io.InputStream;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** EAP in IKE_AUTH between two engines (RFC 7296 2.16, RFC 5998), the responder authenticated by certificate or by EAP. */
class EapAuthTest {
    static AuthPki pki;
    static AuthPki.Leaf sun;

    @BeforeAll
    static void pki() throws Exception {
        pki = new AuthPki("A", KeyKind.ECDSA_P256);
        sun = pki.leaf(SUN);
    }

    static AuthConfig client(EapMethod m) {
        return AuthConfig.builder(AuthClass.EAP).identity(MOON).eap(m).eapId("carol").build();
    }

    static AuthConfig serverCert() {
        return AuthConfig.builder(AuthClass.PUBKEY).identity(SUN).build();
    }

    static EngineConfig initiator(AuthConfig local, AuthConfig remote, String password, Optional<EapTlsConfig> tls) {
        Credentials.Builder c = Credentials.builder().caCert(pki.root).eapSecret(SharedSecret.of(password, "carol"));
        tls.ifPresent(c::eapTls);
        return side(true, local, remote, c.build());
    }

    static EngineConfig responder(EapMethod m, String eapId, Optional<EapTlsConfig> tls, Optional<EapBackend> backend) throws Exception {
        AuthConfig remote = AuthConfig.builder(AuthClass.EAP).eap(m).eapId(eapId).build();
        AuthConfig local = AuthConfig.builder(AuthClass.PUBKEY).identity(SUN).cert(sun.cert()).sendCert(
                io.ike4j.core.auth.cert.CertificateRequests.SendPolicy.ALWAYS).build();
        Credentials.Builder c = AuthPki.credentials(sun).caCert(pki.inter).caCert(pki.root)
                .eapSecret(SharedSecret.of("carol's password", "carol"));
        tls.ifPresent(c::eapTls);
        backend.ifPresent(c::eapBackend);
        return side(false, local, remote, c.build());
    }

    @Test
    void mschapv2WithCertificateAuthenticatedResponder() throws Exception {
        TwoPeers t = run(initiator(client(EapMethod.MSCHAPV2), serverCert(), "carol's password", Optional.empty()),
                responder(EapMethod.MSCHAPV2, "%any", Optional.empty(), Optional.empty()));
        assertEstablished(t);
        assertThat(String.join("\n", t.b.log)).contains("EAP method succeeded for 'carol', MSK established");
        assertThat(String.join("\n", t.a.log)).contains("authentication of " + SUN + " with public key successful");
        EstablishTest.assertKeysMatch(EstablishTest.installed(t.a), EstablishTest.installed(t.b));
    }

    @Test
    void ikeIdentityIsTheEapIdentityWithoutEapId() throws Exception {
        AuthConfig local = AuthConfig.builder(AuthClass.EAP).identity(MOON).eap(EapMethod.MSCHAPV2).build();
        EngineConfig a = side(true, local, serverCert(), Credentials.builder().caCert(pki.root)
                .eapSecret(SharedSecret.of("moon's password", MOON)).build());
        AuthConfig remote = AuthConfig.builder(AuthClass.EAP).eap(EapMethod.MSCHAPV2).build();
        EngineConfig b = side(false, AuthConfig.builder(AuthClass.PUBKEY).identity(SUN).cert(sun.cert()).build(), remote,
                AuthPki.credentials(sun).caCert(pki.inter).caCert(pki.root).eapSecret(SharedSecret.of("moon's password", MOON)).build());
        TwoPeers t = run(a, b);
        assertEstablished(t);
        assertThat(String.join("\n", t.b.log)).contains("EAP method succeeded for '" + MOON + "'");
    }

    @Test
    void wrongPasswordFailsWithAuthenticationFailed() throws Exception {
        TwoPeers t = run(initiator(client(EapMethod.MSCHAPV2), serverCert(), "guess", Optional.empty()),
                responder(EapMethod.MSCHAPV2, "%any", Optional.empty(), Optional.empty()));
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).isEmpty();
        assertThat(t.b.events(SaEvent.IkeSaFailed.class)).singleElement()
                .extracting(SaEvent.IkeSaFailed::notifyType).isEqualTo(NotifyType.AUTHENTICATION_FAILED.value());
        assertThat(t.a.events(SaEvent.IkeSaFailed.class)).hasSize(1);
        assertThat(String.join("\n", t.b.log)).contains("EAP authentication of 'carol' failed");
    }

    @Test
    void md5WithoutMskUsesTheSkPKeys() throws Exception {
        TwoPeers t = run(initiator(client(EapMethod.MD5), serverCert(), "carol's password", Optional.empty()),
                responder(EapMethod.MD5, "%any", Optional.empty(), Optional.empty()));
        assertEstablished(t);
        assertThat(String.join("\n", t.b.log)).contains("EAP method succeeded for 'carol', no MSK");
    }

    @Test
    void eapOnlyNeedsAMutualMethodAndAnEapLocalRound() throws Exception {
        // the client asks for EAP-only, but MSCHAPv2 is not mutual enough (strongSwan): b signs with its certificate,
        // a (expecting EAP only) ignores that AUTH and relies on the MSK
        AuthConfig remoteEap = AuthConfig.builder(AuthClass.EAP).identity(SUN).eap(EapMethod.MSCHAPV2).build();
        TwoPeers t = run(initiator(client(EapMethod.MSCHAPV2), remoteEap, "carol's password", Optional.empty()),
                responder(EapMethod.MSCHAPV2, "%any", Optional.empty(), Optional.empty()));
        assertEstablished(t);
        assertThat(String.join("\n", t.b.log)).doesNotContain("EAP_ONLY_AUTHENTICATION").contains("(myself)");
    }

    @Test
    void eapOnlyIsRefusedForMd5() throws Exception {
        AuthConfig remoteEap = AuthConfig.builder(AuthClass.EAP).identity(SUN).eap(EapMethod.MD5).build();
        TwoPeers t = run(initiator(client(EapMethod.MD5), remoteEap, "carol's password", Optional.empty()),
                responder(EapMethod.MD5, "%any", Optional.empty(), Optional.empty()));
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).isEmpty();
        assertThat(String.join("\n", t.a.log)).contains("EAP-only authentication needs a method deriving an MSK");
    }

    @Test
    void eapTlsBothWays() throws Exception {
        EapTlsConfig server = EapTlsConfig.of(context("server.p12", "trust.p12"));
        EapTlsConfig client = EapTlsConfig.of(context("client.p12", "trust.p12"));
        TwoPeers t = run(initiator(client(EapMethod.TLS), serverCert(), "unused", Optional.of(client)),
                responder(EapMethod.TLS, "%any", Optional.of(server), Optional.empty()));
        assertEstablished(t);
        assertThat(String.join("\n", t.b.log)).contains("(myself)");
    }

    /** TLS 1.3 keys as strongSwan 5.9.x derives them ("client EAP encryption"), both sides in that mode. */
    @Test
    void eapTlsWithStrongSwan5Keys() throws Exception {
        EapTlsConfig server = EapTlsConfig.of(context("server.p12", "trust.p12")).withTls13Msk(EapTlsConfig.Tls13Msk.STRONGSWAN_5);
        EapTlsConfig client = EapTlsConfig.of(context("client.p12", "trust.p12")).withTls13Msk(EapTlsConfig.Tls13Msk.STRONGSWAN_5);
        TwoPeers t = run(initiator(client(EapMethod.TLS), serverCert(), "unused", Optional.of(client)),
                responder(EapMethod.TLS, "%any", Optional.of(server), Optional.empty()));
        assertEstablished(t);
        // one side RFC 9190, the other strongSwan's: the MSKs differ and the AUTH after EAP does not verify
        TwoPeers mixed = run(initiator(client(EapMethod.TLS), serverCert(), "unused", Optional.of(client)),
                responder(EapMethod.TLS, "%any", Optional.of(EapTlsConfig.of(context("server.p12", "trust.p12"))), Optional.empty()));
        assertThat(mixed.a.events(SaEvent.IkeSaEstablished.class)).isEmpty();
        assertThat(String.join("\n", mixed.b.log)).contains("does not verify");
    }

    /**
     * A client left at the default (RFC 9190) against a server in strongSwan 5.9.x's mode, which ends with EAP-Success
     * right after the client's Finished: the client notices the missing commitment message and derives the MSK the
     * strongSwan way by itself, so the AUTH after EAP verifies.
     */
    @Test
    void eapTlsClientFollowsAStrongSwan5Server() throws Exception {
        EapTlsConfig server = EapTlsConfig.of(context("server.p12", "trust.p12")).withTls13Msk(EapTlsConfig.Tls13Msk.STRONGSWAN_5);
        EapTlsConfig client = EapTlsConfig.of(context("client.p12", "trust.p12"));
        TwoPeers t = run(initiator(client(EapMethod.TLS), serverCert(), "unused", Optional.of(client)),
                responder(EapMethod.TLS, "%any", Optional.of(server), Optional.empty()));
        assertEstablished(t);
    }

    /**
     * The remote round's {@code eapTlsMsk} (swanctl {@code eap_tls_msk = strongswan5}) puts ike4j as server in strongSwan
     * 5.9.x's mode although the credentials' EAP-TLS settings are RFC 9190: a client in that mode gets in (against an
     * RFC 9190 server it would not, see {@link #eapTlsWithStrongSwan5Keys}).
     */
    @Test
    void remoteRoundSelectsStrongSwan5Keys() throws Exception {
        EapTlsConfig server = EapTlsConfig.of(context("server.p12", "trust.p12"));
        EapTlsConfig client = EapTlsConfig.of(context("client.p12", "trust.p12")).withTls13Msk(EapTlsConfig.Tls13Msk.STRONGSWAN_5);
        AuthConfig remote = AuthConfig.builder(AuthClass.EAP).eap(EapMethod.TLS).eapId("%any")
                .eapTlsMsk(EapTlsConfig.Tls13Msk.STRONGSWAN_5).build();
        assertThat(remote.eapTls(server).tls13Msk()).isEqualTo(EapTlsConfig.Tls13Msk.STRONGSWAN_5);
        AuthConfig local = AuthConfig.builder(AuthClass.PUBKEY).identity(SUN).cert(sun.cert()).sendCert(
                io.ike4j.core.auth.cert.CertificateRequests.SendPolicy.ALWAYS).build();
        Credentials cred = AuthPki.credentials(sun).caCert(pki.inter).caCert(pki.root).eapTls(server).build();
        TwoPeers t = run(initiator(client(EapMethod.TLS), serverCert(), "unused", Optional.of(client)), side(false, local, remote, cred));
        assertEstablished(t);
    }

    /** RFC 5998: EAP-TLS is mutual; with an EAP local round on the server both sides skip the signature AUTH. */
    @Test
    void eapOnlyWithEapTls() throws Exception {
        EapTlsConfig server = EapTlsConfig.of(context("server.p12", "trust.p12"));
        EapTlsConfig client = EapTlsConfig.of(context("client.p12", "trust.p12"));
        AuthConfig remoteEap = AuthConfig.builder(AuthClass.EAP).identity(SUN).eap(EapMethod.TLS).build();
        AuthConfig serverLocal = AuthConfig.builder(AuthClass.EAP).identity(SUN).eap(EapMethod.TLS).build();
        AuthConfig serverRemote = AuthConfig.builder(AuthClass.EAP).eap(EapMethod.TLS).eapId("%any").build();
        EngineConfig b = side(false, serverLocal, serverRemote, Credentials.builder().eapTls(server).build());
        TwoPeers t = run(initiator(client(EapMethod.TLS), remoteEap, "unused", Optional.of(client)), b);
        assertEstablished(t);
        assertThat(String.join("\n", t.b.log)).contains("EAP_ONLY_AUTHENTICATION").doesNotContain("(myself)");
    }

    /** The eap-radius seam: a pass-through method standing in for a RADIUS server running MSCHAPv2. */
    @Test
    void passThroughBackend() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        EapBackend backend = (conn, local, remote) -> {
            opened.incrementAndGet();
            return new FakeAaa();
        };
        TwoPeers t = run(initiator(client(EapMethod.MSCHAPV2), serverCert(), "carol's password", Optional.empty()),
                responder(EapMethod.RADIUS, "%any", Optional.empty(), Optional.of(backend)));
        assertEstablished(t);
        assertThat(opened).hasValue(1);
    }

    /** An in-process "AAA server": a full EAP server session behind the pass-through interface. */
    static final class FakeAaa implements EapServerMethod {
        EapServerSession inner;

        @Override
        public int type() {
            return PASS_THROUGH;
        }

        @Override
        public EapStep start(EapStart start) {
            RandomSource r = RandomSource.secure();
            inner = EapServerSession.builder().requestIdentity(false).identity(start.identity().orElseThrow())
                    .firstIdentifier(start.identifier())
                    .method(EapType.MSCHAPV2.value(), () -> new EapMsChapV2Server(r,
                            user -> user.equals("carol") ? Optional.of("carol's password") : Optional.empty(), "aaa"))
                    .build();
            return inner.start();
        }

        @Override
        public EapStep process(EapMessage response) {
            return inner.process(response);
        }
    }

    static SSLContext context(String keys, String trust) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(store(keys), "changeit".toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(store(trust));
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    static KeyStore store(String name) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = EapAuthTest.class.getResourceAsStream("/io/ike4j/core/auth/eap/" + name)) {
            ks.load(in, "changeit".toCharArray());
        }
        return ks;
    }

}
