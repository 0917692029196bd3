package io.ike4j.platform.crl;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.ike4j.core.auth.cert.CrlFetcher;
import io.ike4j.core.auth.cert.issue.CertificateIssuer;
import io.ike4j.core.auth.cert.issue.CertificateTemplate;
import io.ike4j.core.auth.cert.issue.CrlIssuer;
import io.ike4j.core.auth.cert.issue.CrlReason;
import io.ike4j.core.auth.cert.issue.DistinguishedNames;
import io.ike4j.core.auth.cert.issue.Issuing;
import io.ike4j.core.auth.cert.Certificates;
import io.ike4j.core.auth.keys.KeyKind;
import io.ike4j.core.auth.keys.KeyRef;
import io.ike4j.core.auth.keys.PrivateKeyHandle;
import io.ike4j.core.auth.keys.PrivateKeyStore;
import io.ike4j.core.crypto.RandomSource;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CRL fetcher against a tiny in-test HTTP server: DER CRL, caching, 404, size limit, a stalling server. */
class HttpCrlFetcherTest {
    static byte[] crl;
    static BigInteger revokedSerial = BigInteger.valueOf(42);
    HttpServer server;
    final AtomicInteger hits = new AtomicInteger();
    final AtomicInteger ocspHits = new AtomicInteger();
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicReference<String> ocspContentType = new AtomicReference<>();
    InstantSource clock = () -> now.get();

    @BeforeAll
    static void makeCrl() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ca = g.generateKeyPair();
        PrivateKeyStore store = PrivateKeyStore.builder(RandomSource.secure()).add(new KeyRef("ca"), PrivateKeyHandle.of(ca)).build();
        Instant t = Instant.now();
        X509Certificate caCert = Certificates.parse(CertificateIssuer.selfSigned(CertificateTemplate.authority(
                DistinguishedNames.parse("C=CH, O=Test, CN=CRL CA"), ca.getPublic(), BigInteger.ONE, t.minusSeconds(3600),
                t.plus(Duration.ofDays(30))), store, new KeyRef("ca"), Issuing.defaultScheme(KeyKind.ECDSA_P256)));
        crl = CrlIssuer.issue(caCert, store, new KeyRef("ca"), Issuing.defaultScheme(KeyKind.ECDSA_P256), t.minusSeconds(60),
                t.plus(Duration.ofHours(1)), BigInteger.ONE,
                List.of(new CrlIssuer.Revoked(revokedSerial, t.minusSeconds(120), CrlReason.KEY_COMPROMISE)));
    }

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ca.crl", x -> {
            hits.incrementAndGet();
            x.sendResponseHeaders(200, crl.length);
            x.getResponseBody().write(crl);
            x.close();
        });
        server.createContext("/big.crl", x -> {
            byte[] junk = new byte[64 * 1024];
            x.sendResponseHeaders(200, 0); // chunked: no declared length
            for (int i = 0; i < 4; i++) x.getResponseBody().write(junk);
            x.close();
        });
        server.createContext("/stall.crl", x -> {
            hits.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.close();
        });
        server.createContext("/ocsp", x -> {
            ocspHits.incrementAndGet();
            byte[] body = x.getRequestBody().readAllBytes();
            ocspContentType.set(x.getRequestHeaders().getFirst("Content-Type"));
            byte[] answer = new byte[body.length + 1]; // echoes the request behind a marker byte
            answer[0] = 0x42;
            System.arraycopy(body, 0, answer, 1, body.length);
            x.sendResponseHeaders(x.getRequestMethod().equals("POST") ? 200 : 405, answer.length);
            x.getResponseBody().write(answer);
            x.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    HttpCrlFetcher fetcher(Duration timeout, int maxBytes) {
        return new HttpCrlFetcher(timeout, maxBytes, Duration.ofSeconds(60), Duration.ofHours(24), clock);
    }

    @Test
    void fetchesAndCachesUntilNextUpdate() {
        HttpCrlFetcher f = fetcher(Duration.ofSeconds(10), 1 << 20);
        CrlFetcher.Result r = f.fetch(uri("/ca.crl"));
        assertThat(r).isInstanceOfSatisfying(CrlFetcher.Result.Fetched.class,
                ok -> assertThat(ok.crl().getRevokedCertificate(revokedSerial)).isNotNull());
        assertThat(f.fetch(uri("/ca.crl"))).isInstanceOf(CrlFetcher.Result.Fetched.class);
        assertThat(hits).hasValue(1);
        now.set(now.get().plus(Duration.ofHours(2))); // past nextUpdate: fetched again
        f.fetch(uri("/ca.crl"));
        assertThat(hits).hasValue(2);
    }

    @Test
    void httpErrorsAndSizeLimitFailWithAReason() {
        HttpCrlFetcher f = fetcher(Duration.ofSeconds(10), 100 * 1024);
        assertThat(f.fetch(uri("/missing.crl"))).isEqualTo(new CrlFetcher.Result.Failed("HTTP status 404"));
        assertThat(f.fetch(uri("/big.crl"))).isEqualTo(new CrlFetcher.Result.Failed("CRL exceeds the limit of 102400 bytes"));
        assertThat(f.fetch(URI.create("ldap://ldap.example.com/cn=CA"))).isEqualTo(new CrlFetcher.Result.Failed("unsupported scheme 'ldap'"));
    }

    @Test
    void stallingServerIsCutOffAndTheFailureIsCachedForTheBackoff() {
        HttpCrlFetcher f = fetcher(Duration.ofMillis(500), 1 << 20);
        CrlFetcher.Result r = f.fetch(uri("/stall.crl"));
        assertThat(r).isInstanceOfSatisfying(CrlFetcher.Result.Failed.class, x -> assertThat(x.reason()).startsWith("timed out after PT0.5S"));
        assertThat(f.fetch(uri("/stall.crl"))).isEqualTo(r); // cached: no second wait
        assertThat(hits).hasValue(1);
        now.set(now.get().plus(Duration.ofSeconds(61)));
        f.fetch(uri("/stall.crl"));
        assertThat(hits).hasValue(2);
    }

    @Test
    void unreachableServerFails() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CrlFetcher.Result r = fetcher(Duration.ofSeconds(2), 1 << 20).fetch(URI.create("http://127.0.0.1:" + port + "/ca.crl"));
        assertThat(r).isInstanceOfSatisfying(CrlFetcher.Result.Failed.class, x -> assertThat(x.reason()).contains("ConnectException"));
    }

    @Test
    void downloadsAreBoundedAndASaturatedLookupFailsAtOnceWithoutCaching() throws Exception {
        HttpCrlFetcher f = new HttpCrlFetcher(Duration.ofSeconds(60), 1 << 20, Duration.ofSeconds(60), Duration.ofHours(24), 1, clock);
        var stalled = java.util.concurrent.CompletableFuture.supplyAsync(() -> f.fetch(uri("/stall.crl")),
                java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        while (hits.get() == 0) Thread.sleep(10); // the server holds the first download
        assertThat(f.downloadsInProgress()).isEqualTo(1);
        // the only slot is taken: another URI fails at once, and nothing is cached for it
        assertThat(f.fetch(uri("/ca.crl"))).isEqualTo(new CrlFetcher.Result.Failed("too many downloads in progress (1)"));
        assertThat(stalled).isNotDone();
        release.countDown();
        assertThat(stalled.get(60, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(CrlFetcher.Result.Failed.class);
        while (f.downloadsInProgress() > 0) Thread.sleep(10);
        assertThat(f.fetch(uri("/ca.crl"))).isInstanceOf(CrlFetcher.Result.Fetched.class);
    }

    /**
     * Runs {@code call} against a server that sends a status line and then one header byte every 100 ms (each well within
     * the read timeout), for ever: without the overall deadline the call never returns. Also checks that the download
     * slot comes back while the server is still dripping.
     */
    <T> T againstADrippingServer(HttpCrlFetcher f, java.util.function.Function<URI, T> call) throws Exception {
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            AtomicInteger accepted = new AtomicInteger();
            Thread dripper = Thread.ofVirtual().start(() -> {
                try (java.net.Socket s = ss.accept()) {
                    accepted.incrementAndGet();
                    byte[] status = "HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                    s.getOutputStream().write(status);
                    while (!Thread.currentThread().isInterrupted()) {
                        s.getOutputStream().write('a');
                        s.getOutputStream().flush();
                        Thread.sleep(100);
                    }
                } catch (Exception e) {
                    // the client went away
                }
            });
            try {
                var r = java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> call.apply(URI.create("http://127.0.0.1:" + ss.getLocalPort() + "/drip")),
                        java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
                // liveness bounds, not speed checks
                T result = r.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(accepted).hasValue(1);
                long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (f.downloadsInProgress() > 0 && System.nanoTime() < until) Thread.sleep(10);
                assertThat(f.downloadsInProgress()).as("the slot is free while the server still drips").isZero();
                return result;
            } finally {
                dripper.interrupt();
            }
        }
    }

    @Test
    void aServerTricklingItsHeadersIsCutOffAtTheTimeout() throws Exception {
        HttpCrlFetcher f = fetcher(Duration.ofMillis(800), 1 << 20);
        CrlFetcher.Result r = againstADrippingServer(f, f::fetch);
        assertThat(r).isInstanceOfSatisfying(CrlFetcher.Result.Failed.class,
                x -> assertThat(x.reason()).startsWith("timed out after PT0.8S"));
    }

    @Test
    void anOcspResponderTricklingItsHeadersIsCutOffAtTheTimeout() throws Exception {
        HttpCrlFetcher f = fetcher(Duration.ofMillis(800), 1 << 20);
        CrlFetcher.OcspAnswer a = againstADrippingServer(f, u -> f.queryOcsp(u, new byte[] {0x30, 0x00}));
        assertThat(a).isInstanceOfSatisfying(CrlFetcher.OcspAnswer.Failed.class, x -> assertThat(x.reason()).startsWith("timed out after PT0.8S"));
        assertThat(f.ocspAnswersCached()).isZero();
    }

    @Test
    void ocspRequestIsPostedAndTheAnswerReturned() {
        byte[] request = {0x30, 0x03, 0x02, 0x01, 0x07};
        CrlFetcher.OcspAnswer a = fetcher(Duration.ofSeconds(10), 1 << 20).queryOcsp(uri("/ocsp"), request);
        assertThat(a).isInstanceOfSatisfying(CrlFetcher.OcspAnswer.Answered.class,
                ok -> assertThat(ok.response()).containsExactly(0x42, 0x30, 0x03, 0x02, 0x01, 0x07));
        assertThat(ocspContentType).hasValue("application/ocsp-request");
    }

    @Test
    void ocspResponderThatStallsOrFailsGivesAReason() {
        HttpCrlFetcher f = fetcher(Duration.ofMillis(500), 1 << 20);
        assertThat(f.queryOcsp(uri("/stall.crl"), new byte[] {0x30, 0x00})).isInstanceOfSatisfying(CrlFetcher.OcspAnswer.Failed.class,
                x -> assertThat(x.reason()).startsWith("timed out after PT0.5S"));
        assertThat(f.queryOcsp(uri("/missing"), new byte[] {0x30, 0x00})).isEqualTo(new CrlFetcher.OcspAnswer.Failed("HTTP status 404"));
    }

    @Test
    void ocspTakesADownloadSlotAndASaturatedQueryFailsAtOnce() throws Exception {
        HttpCrlFetcher f = new HttpCrlFetcher(Duration.ofSeconds(60), 1 << 20, Duration.ofSeconds(60), Duration.ofHours(24), 1, clock);
        var stalled = java.util.concurrent.CompletableFuture.supplyAsync(() -> f.fetch(uri("/stall.crl")),
                java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        while (hits.get() == 0) Thread.sleep(10); // the server holds the only slot
        assertThat(f.queryOcsp(uri("/ocsp"), new byte[] {0x30, 0x00}))
                .isEqualTo(new CrlFetcher.OcspAnswer.Failed("too many downloads in progress (1)"));
        assertThat(ocspHits).hasValue(0);
        release.countDown();
        stalled.get(60, java.util.concurrent.TimeUnit.SECONDS);
        while (f.downloadsInProgress() > 0) Thread.sleep(10);
        assertThat(f.queryOcsp(uri("/ocsp"), new byte[] {0x30, 0x00})).isInstanceOf(CrlFetcher.OcspAnswer.Answered.class);
        assertThat(f.downloadsInProgress()).isZero(); // the OCSP query gave its slot back
    }

    @Test
    void aRememberedOcspAnswerIsReusedUntilItsNextUpdate() {
        HttpCrlFetcher f = fetcher(Duration.ofSeconds(10), 1 << 20);
        byte[] request = {0x30, 0x03, 0x02, 0x01, 0x07}, other = {0x30, 0x03, 0x02, 0x01, 0x08};
        byte[] answer = ((CrlFetcher.OcspAnswer.Answered) f.queryOcsp(uri("/ocsp"), request)).response();
        f.rememberOcsp(request, answer, java.util.Optional.of(now.get().plus(Duration.ofHours(1))));
        assertThat(f.queryOcsp(uri("/ocsp"), request)).isInstanceOfSatisfying(CrlFetcher.OcspAnswer.Answered.class,
                a -> assertThat(a.response()).containsExactly(answer));
        assertThat(ocspHits).hasValue(1); // answered from the cache, whichever responder is named
        assertThat(f.queryOcsp(uri("/elsewhere"), request)).isInstanceOf(CrlFetcher.OcspAnswer.Answered.class);
        f.queryOcsp(uri("/ocsp"), other); // another certificate is asked for
        assertThat(ocspHits).hasValue(2);
        now.set(now.get().plus(Duration.ofHours(1)));
        f.queryOcsp(uri("/ocsp"), request); // nextUpdate reached: asked again
        assertThat(ocspHits).hasValue(3);
    }

    @Test
    void anOcspAnswerWithoutNextUpdateIsReusedForTheDefaultTime() {
        HttpCrlFetcher f = fetcher(Duration.ofSeconds(10), 1 << 20);
        byte[] request = {0x30, 0x00};
        f.rememberOcsp(request, new byte[] {0x01}, java.util.Optional.empty());
        f.rememberOcsp(new byte[] {0x30, 0x01}, new byte[] {0x01}, java.util.Optional.of(now.get().minusSeconds(1))); // already stale
        assertThat(f.ocspAnswersCached()).isEqualTo(1);
        now.set(now.get().plus(HttpCrlFetcher.DEFAULT_OCSP_CACHE).minusSeconds(1));
        assertThat(f.queryOcsp(uri("/ocsp"), request)).isInstanceOfSatisfying(CrlFetcher.OcspAnswer.Answered.class,
                a -> assertThat(a.response()).containsExactly(0x01));
        assertThat(ocspHits).hasValue(0);
        now.set(now.get().plusSeconds(1));
        f.queryOcsp(uri("/ocsp"), request);
        assertThat(ocspHits).hasValue(1);
        f.clear();
        assertThat(f.ocspAnswersCached()).isZero();
    }
}
