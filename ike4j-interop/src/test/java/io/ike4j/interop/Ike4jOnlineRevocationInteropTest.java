package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.interop.NetnsLab.Side;
import io.ike4j.interop.PeerPair.Direction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CRL distribution points (RFC 5280 4.2.1.13) with strongSwan 5.9.8 (RIGHT) authenticating to ike4j (LEFT) by
 * certificate: strongSwan's leaf names {@code http://192.0.2.2:8080/cdp.crl}, served by a small HTTP server in
 * strongSwan's namespace with a CRL of the intermediate that revokes one leaf. ike4j fetches it: the revoked leaf is
 * refused with AUTHENTICATION_FAILED and the reason logged, a good leaf with the same distribution point establishes.
 * A leaf whose distribution point ({@code :8081}) accepts the connection and never answers: the fetch times out
 * (bounded) and, as with strongSwan's default ({@code revocation = relaxed}), the certificate is accepted with a log
 * line; a second connection establishes meanwhile (the stalled fetch blocks only its own SA).
 * OCSP (RFC 6960): leaves whose authorityInfoAccess names OpenSSL's responder ({@code openssl ocsp}, signing as the
 * intermediate, in strongSwan's namespace on {@code :8082}): "good" establishes without any CRL, "revoked" is refused.
 */
class Ike4jOnlineRevocationInteropTest extends SharedDirectLab {
    private static final String TYPE = "ecdsa256";
    private static final String SERVER_SCRIPT = """
            import http.server, socket, sys, threading
            root, port, stall_port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
            class Handler(http.server.SimpleHTTPRequestHandler):
                def __init__(self, *a, **k):
                    super().__init__(*a, directory=root, **k)
                def log_message(self, fmt, *a):
                    print("served " + (fmt % a), flush=True)
            stall = socket.socket()
            stall.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            stall.bind(("0.0.0.0", stall_port))
            stall.listen(16)
            held = []
            def stall_forever():
                while True:
                    c, _ = stall.accept()
                    held.append(c)
                    print("stall: accepted a connection", flush=True)
            threading.Thread(target=stall_forever, daemon=True).start()
            http.server.ThreadingHTTPServer.allow_reuse_address = True
            server = http.server.ThreadingHTTPServer(("0.0.0.0", port), Handler)
            print("ready", flush=True)
            server.serve_forever()
            """;
    private Path pkiDir;
    private LabPki pki;
    private NetnsLab serverLab;
    private Path serverLog;
    private Path ocspLog;

    private String crlServer() {
        return "http://" + lab().outerAddress(Side.RIGHT);
    }

    @BeforeAll
    void makePki() throws IOException {
        Requirements.assumeInteropAvailable();
        pkiDir = Files.createTempDirectory("ike4j-lab-pki");
        pki = new LabPki(pkiDir);
        pki.chain(TYPE);
        String good = crlServer() + ":8080/cdp.crl";
        pki.leafWithCdp(TYPE, "right", "cdp-revoked-right", good);
        pki.leafWithCdp(TYPE, "right", "cdp-good-right", good);
        pki.leafWithCdp(TYPE, "right", "cdp-stall-right", crlServer() + ":8081/stall.crl");
        pki.crl(TYPE, "cdp", "cdp-revoked-right");
        pki.leafWithOcsp(TYPE, "right", "ocsp-good-right", crlServer() + ":8082");
        pki.leafWithOcsp(TYPE, "right", "ocsp-revoked-right", crlServer() + ":8082");
    }

    @AfterAll
    void removePki() throws IOException {
        if (pkiDir == null) return;
        try (var s = Files.walk(pkiDir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The HTTP server in strongSwan's namespace (again after a lab restart); the lab stops it on close. */
    @BeforeEach
    void crlServerRunning() throws IOException, InterruptedException {
        if (serverLab == lab()) return;
        Path dir = Files.createDirectories(lab().workDir().resolve("crl-server"));
        Files.copy(pki.file("cdp.crl"), dir.resolve("cdp.crl"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path script = Files.writeString(lab().workDir().resolve("crl-server.py"), SERVER_SCRIPT);
        serverLog = lab().workDir().resolve("crl-server.log");
        lab().spawn(lab().namespace(Side.RIGHT), Map.of(), serverLog, "/usr/bin/python3", script.toString(), dir.toString(), "8080", "8081");
        awaitServerLog("ready", Duration.ofSeconds(30));
        ocspLog = lab().workDir().resolve("ocsp-responder.log");
        Path index = Files.writeString(lab().workDir().resolve("ocsp-index.txt"),
                indexLine("V", "ocsp-good-right") + indexLine("R", "ocsp-revoked-right"));
        Files.writeString(lab().workDir().resolve("ocsp-index.txt.attr"), "unique_subject = no\n");
        lab().spawn(lab().namespace(Side.RIGHT), Map.of(), ocspLog, "openssl", "ocsp", "-index", index.toString(), "-port", "8082",
                "-rsigner", pki.file(TYPE + "-inter.pem").toString(), "-rkey", pki.file(TYPE + "-inter.key").toString(),
                "-CA", pki.file(TYPE + "-inter.pem").toString(), "-ndays", "1");
        awaitPort(8082, Duration.ofSeconds(30));
        serverLab = lab();
    }

    /** One line of OpenSSL's CA index (tab-separated: status, expiry, revocation[,reason], serial, file, subject). */
    private String indexLine(String status, String cert) throws IOException {
        java.security.cert.X509Certificate c = certificate(cert);
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(java.time.ZoneOffset.UTC);
        String serial = c.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
        if (serial.length() % 2 == 1) serial = "0" + serial;
        String revoked = status.equals("R") ? f.format(java.time.Instant.now().minusSeconds(3600)) + ",keyCompromise" : "";
        String dn = "/" + c.getSubjectX500Principal().getName().replace(",", "/"); // RFC 2253 order: CN first
        String[] parts = dn.substring(1).split("/");
        java.util.Collections.reverse(java.util.Arrays.asList(parts));
        return String.join("\t", status, f.format(c.getNotAfter().toInstant()), revoked, serial, "unknown", "/" + String.join("/", parts)) + "\n";
    }

    private java.security.cert.X509Certificate certificate(String name) throws IOException {
        try (var in = Files.newInputStream(pki.file(name + ".pem"))) {
            return (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** Waits until something listens on {@code port} in strongSwan's namespace. */
    private void awaitPort(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!lab().exec(Side.RIGHT, "ss", "-Hltn", "sport = :" + port).stdout().contains(":" + port)) {
            if (System.nanoTime() - deadline > 0) throw new LabException("nothing listens on :" + port + ":\n" + read(ocspLog));
            Thread.sleep(100);
        }
    }

    private static String read(Path p) {
        try {
            return p != null && Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String serverLog() {
        try {
            return Files.exists(serverLog) ? Files.readString(serverLog) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitServerLog(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!serverLog().contains(text)) {
            if (System.nanoTime() - deadline > 0) throw new LabException("CRL server never logged '" + text + "':\n" + serverLog());
            Thread.sleep(50);
        }
    }

    private void install() {
        Path ike4j = pair.ike4j().dir(), swan = pair.strongSwan().dir();
        pki.install(ike4j, "x509", TYPE + "-left.pem");
        pki.install(ike4j, "private", TYPE + "-left.key");
        for (String leaf : new String[] {"cdp-revoked-right", "cdp-good-right", "cdp-stall-right", "ocsp-good-right", "ocsp-revoked-right"}) {
            pki.install(swan, "x509", leaf + ".pem");
            pki.install(swan, "private", leaf + ".key");
        }
        for (Path d : new Path[] {ike4j, swan}) {
            pki.install(d, "x509ca", TYPE + "-ca.pem");
            pki.install(d, "x509ca", TYPE + "-inter.pem");
        }
    }

    private static String id(Side side) {
        return side.name().toLowerCase(Locale.ROOT) + ".ike4j.test";
    }

    /** strongSwan (RIGHT) authenticates with {@code swanCert}, ike4j with its own leaf; relaxed revocation (the default). */
    private Function<Side, SwanctlConf> certConf(String ike, String swanCert) {
        return conf(ike, (side, c) -> c
                .localAuth("auth = pubkey\ncerts = " + (side == Side.RIGHT ? swanCert : TYPE + "-left") + ".pem\nid = " + id(side))
                .remoteAuth("auth = pubkey\nid = " + id(side.other())));
    }

    @Test
    void revokedByItsDistributionPointIsRefused() {
        install();
        String ike = freshConnection();
        pair.reload(certConf(ike, "cdp-revoked-right"));
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        LogSince swanLog = LogSince.mark(pair.strongSwan());
        ExecResult r = pair.strongSwan().tryInitiate(CHILD);
        assertThat(r.ok()).as(r.describe()).isFalse();
        assertThat(r.stdout() + r.stderr()).contains("AUTHENTICATION_FAILED");
        pair.strongSwan().awaitNoSas(PeerPair.SETTLE);
        pair.ike4j().awaitNoSas(PeerPair.SETTLE);
        assertThat(ike4jLog.text()).contains("AUTHENTICATION_FAILED").contains("is revoked")
                .contains("reason: key compromise");
        assertThat(swanLog.text()).contains("received AUTHENTICATION_FAILED");
        assertThat(serverLog()).contains("\"GET /cdp.crl HTTP/1.1\" 200");
    }

    @Test
    void goodCertificateWithTheSameDistributionPointEstablishes() {
        install();
        String ike = freshConnection();
        pair.reload(certConf(ike, "cdp-good-right"));
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        pair.establish(Direction.STRONGSWAN_INITIATES, ike, CHILD);
        assertThat(ike4jLog.text()).contains("authentication of right.ike4j.test with public key successful")
                .doesNotContain("certificate status is not available").doesNotContain("fetching CRL from");
        assertThat(serverLog()).contains("\"GET /cdp.crl HTTP/1.1\" 200");
        pair.terminate(Direction.STRONGSWAN_INITIATES, ike);
    }

    /**
     * The distribution point accepts and stalls: ike4j's fetch gives up after its timeout and accepts the
     * certificate (relaxed, strongSwan's default: no CRL is not a refusal), logging why. Meanwhile a PSK connection
     * from strongSwan establishes: the stalled fetch holds only its own SA.
     */
    @Test
    void stallingDistributionPointTimesOutAndIsAcceptedWithoutBlockingOthers() throws Exception {
        install();
        String stalled = freshConnection(), other = freshConnection();
        Function<Side, SwanctlConf> second = side -> SwanctlConf.forLab(lab(), side).connection(other).child("net2")
                .localId("psk-" + id(side)).remoteId("psk-" + id(side.other()));
        pair.reload(side -> certConf(stalled, "cdp-stall-right").apply(side).extra(second.apply(side).render()));
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        CompletableFuture<ExecResult> first = CompletableFuture.supplyAsync(() -> pair.strongSwan().tryInitiate(CHILD));
        try {
            awaitServerLog("stall: accepted", Duration.ofSeconds(60));
            pair.strongSwan().initiate("net2");
            SaView i = pair.strongSwan().awaitEstablished(other, "net2", PeerPair.SETTLE);
            SaView r = pair.ike4j().awaitEstablished(other, "net2", PeerPair.SETTLE);
            assertThat(SaAgreement.disagreements(i, r)).isEmpty();
        } finally {
            ExecResult r = first.get(2, TimeUnit.MINUTES);
            assertThat(r.ok()).as(r.describe()).isTrue();
        }
        pair.strongSwan().awaitEstablished(stalled, CHILD, PeerPair.SETTLE);
        pair.ike4j().awaitEstablished(stalled, CHILD, PeerPair.SETTLE);
        assertThat(ike4jLog.text())
                .contains("fetching CRL from " + crlServer() + ":8081/stall.crl failed: timed out")
                .contains("certificate status is not available").contains("accepted (revocation = relaxed)")
                .contains("authentication of right.ike4j.test with public key successful");
    }

    @Test
    void ocspGoodEstablishes() {
        install();
        String ike = freshConnection();
        pair.reload(certConf(ike, "ocsp-good-right"));
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        pair.establish(Direction.STRONGSWAN_INITIATES, ike, CHILD);
        assertThat(ike4jLog.text()).contains("authentication of right.ike4j.test with public key successful")
                .doesNotContain("OCSP request to").doesNotContain("unusable").doesNotContain("certificate status is not available");
        pair.terminate(Direction.STRONGSWAN_INITIATES, ike);
    }

    @Test
    void ocspRevokedIsRefused() {
        install();
        String ike = freshConnection();
        pair.reload(certConf(ike, "ocsp-revoked-right"));
        LogSince ike4jLog = LogSince.mark(pair.ike4j());
        ExecResult r = pair.strongSwan().tryInitiate(CHILD);
        assertThat(r.ok()).as(r.describe()).isFalse();
        assertThat(r.stdout() + r.stderr()).contains("AUTHENTICATION_FAILED");
        pair.strongSwan().awaitNoSas(PeerPair.SETTLE);
        pair.ike4j().awaitNoSas(PeerPair.SETTLE);
        assertThat(ike4jLog.text()).contains("AUTHENTICATION_FAILED").contains("is revoked: OCSP says revoked on")
                .contains("reason: key compromise");
    }
}
