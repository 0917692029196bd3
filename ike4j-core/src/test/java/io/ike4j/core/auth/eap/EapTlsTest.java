package io.ike4j.core.auth.eap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** EAP-TLS peer against authenticator in process, TLS 1.2 and 1.3, with and without fragmentation. */
class EapTlsTest {
    private static final char[] PW = "changeit".toCharArray();

    static KeyStore store(String name) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = EapTlsTest.class.getResourceAsStream(name)) {
            ks.load(in, PW);
        }
        return ks;
    }

    static SSLContext context(String keyStore, String trustStore) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(store(keyStore), PW);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(store(trustStore));
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    static EapConversation run(String protocol, int fragment, String clientKeys, String clientTrust) throws Exception {
        EapTlsConfig server = new EapTlsConfig(context("server.p12", "trust.p12"), List.of(protocol), true, fragment);
        EapTlsConfig client = new EapTlsConfig(context(clientKeys, clientTrust), List.of(protocol), true, fragment);
        EapServerSession s = EapServerSession.builder().method(13, () -> new EapTlsServer(server)).build();
        EapClientSession c = EapClientSession.builder("alice".getBytes(StandardCharsets.UTF_8)).method(13, () -> new EapTlsClient(client)).build();
        return EapConversation.run(s, c);
    }

    @ParameterizedTest
    @CsvSource({"TLSv1.2, 1000", "TLSv1.3, 1000", "TLSv1.2, 64", "TLSv1.3, 64", "TLSv1.3, 16384"})
    void handshakeSucceedsWithEqualMsks(String protocol, int fragment) throws Exception {
        EapConversation c = run(protocol, fragment, "client.p12", "trust.p12");
        assertThat(c.server()).as(c.toString()).isInstanceOf(EapStep.Success.class);
        assertThat(c.client()).isInstanceOf(EapStep.Success.class);
        assertThat(c.serverMsk()).hasSize(64).isEqualTo(c.clientMsk());
        for (EapMessage m : c.wire()) {
            if (m.hasType()) assertThat(m.typeData().length).isLessThanOrEqualTo(fragment + 5);
        }
        if (fragment == 64) {
            // fragments: first has L (and M), ACKs are a single zero Flags octet
            assertThat(c.wire()).anyMatch(m -> m.hasType() && m.typeData().length > 0 && (m.typeData()[0] & 0xC0) == 0xC0);
            assertThat(c.wire()).anyMatch(m -> m.hasType() && m.typeData().length == 1 && m.typeData()[0] == 0);
        }
    }

    @Test
    void tls13MskDiffersBetweenSessions() throws Exception {
        assertThat(run("TLSv1.3", 1000, "client.p12", "trust.p12").serverMsk())
                .isNotEqualTo(run("TLSv1.3", 1000, "client.p12", "trust.p12").serverMsk());
    }

    @Test
    void untrustedServerCertificateFails() throws Exception {
        // the client trusts only its own certificate (its keystore), not the server's
        EapConversation c = run("TLSv1.2", 1000, "client.p12", "client.p12");
        // the peer aborts (certificate_unknown); the authenticator never reaches success
        assertThat(c.client()).isInstanceOf(EapStep.Failure.class);
        assertThat(c.server()).isNotInstanceOf(EapStep.Success.class);
    }

    @Test
    void clientWithoutTrustedCertificateIsRejectedByServer() throws Exception {
        // the server trusts trust.p12 (both certificates); a client presenting the server's own key pair is still
        // trusted, so instead make the server trust only itself
        EapTlsConfig server = new EapTlsConfig(context("server.p12", "server.p12"), List.of("TLSv1.3"), true, 1000);
        EapTlsConfig client = new EapTlsConfig(context("client.p12", "trust.p12"), List.of("TLSv1.3"), true, 1000);
        EapServerSession s = EapServerSession.builder().method(13, () -> new EapTlsServer(server)).build();
        EapClientSession c = EapClientSession.builder("alice".getBytes(StandardCharsets.UTF_8)).method(13, () -> new EapTlsClient(client)).build();
        EapConversation conv = EapConversation.run(s, c);
        assertThat(conv.server()).isInstanceOf(EapStep.Failure.class);
        assertThat(conv.client()).isNotInstanceOf(EapStep.Success.class);
    }

    @Test
    void fragmentReassemblyRejectsInconsistentLengths() {
        EapTlsFragments f = new EapTlsFragments(100);
        assertThat(f.receive(new byte[0])).isInstanceOf(EapTlsFragments.Received.Malformed.class);
        assertThat(f.receive(new byte[] {(byte) 0x80, 0, 0})).isInstanceOf(EapTlsFragments.Received.Malformed.class);
        assertThat(f.receive(new byte[] {(byte) 0x40, 1, 2})).isInstanceOf(EapTlsFragments.Received.Malformed.class); // M without L
        assertThat(f.receive(new byte[] {(byte) 0x80, 0, 0, 0, 3, 1, 2})).isInstanceOf(EapTlsFragments.Received.Malformed.class);
        assertThat(f.receive(new byte[] {(byte) 0x80, 0x7f, 0, 0, 0})).isInstanceOf(EapTlsFragments.Received.Malformed.class);
        assertThat(f.receive(new byte[] {(byte) 0xC0, 0, 0, 0, 3, 1, 2})).isInstanceOf(EapTlsFragments.Received.NeedAck.class);
        assertThat(f.receive(new byte[] {0, 3, 4})).isInstanceOf(EapTlsFragments.Received.Malformed.class); // 4 > 3
        assertThat(f.receive(new byte[] {(byte) 0xC0, 0, 0, 0, 3, 1, 2})).isInstanceOf(EapTlsFragments.Received.NeedAck.class);
        assertThat(f.receive(new byte[] {0, 3})).isInstanceOfSatisfying(EapTlsFragments.Received.Complete.class,
                c -> assertThat(c.data()).containsExactly(1, 2, 3));
        assertThat(f.receive(new byte[] {0x20})).isInstanceOfSatisfying(EapTlsFragments.Received.Complete.class, c -> assertThat(c.start()).isTrue());
    }

    @Test
    void garbageTlsDataFailsWithoutException() {
        java.util.Random rnd = new java.util.Random(5);
        EapTlsConfig config = EapTlsConfig.of(uncheckedContext());
        for (int i = 0; i < 200; i++) {
            EapTlsServer server = new EapTlsServer(config);
            EapMessage start = ((EapStep.Send) server.start(new EapStart(1, java.util.Optional.empty(), java.util.Optional.empty()))).message();
            byte[] data = new byte[1 + rnd.nextInt(300)];
            rnd.nextBytes(data);
            data[0] = 0;
            EapStep s = server.process(EapMessage.response(start.identifier(), 13, data));
            assertThat(s).isInstanceOf(EapStep.Failure.class);
        }
    }

    private static SSLContext uncheckedContext() {
        try {
            return context("server.p12", "trust.p12");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
