package io.ike4j.platform.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ike4j.core.auth.eap.EapClientSession;
import io.ike4j.core.auth.eap.EapMd5Client;
import io.ike4j.core.auth.eap.EapMsChapV2Client;
import io.ike4j.core.auth.eap.EapServerSession;
import io.ike4j.core.auth.eap.EapStep;
import io.ike4j.core.auth.eap.EapType;
import io.ike4j.core.crypto.RandomSource;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * EAP-MD5 and EAP-MSCHAPv2 through {@link RadiusEapProxy} against a real FreeRADIUS 3 ({@code freeradius -X}) with a
 * minimal configuration written to a temporary directory. Skips unless root with freeradius installed; fails instead
 * when {@code -Dike4j.requireInterop=true}.
 */
class FreeRadiusInteropTest {
    private static final String SECRET = "s3cr3t-ike4j";
    private static final String USER = "alice";
    private static final String PASSWORD = "Pa55word!";

    private static Path dir;
    private static Process server;
    private static int port;

    @BeforeAll
    static void startFreeRadius() throws Exception {
        String missing = null;
        if (!"root".equals(System.getProperty("user.name"))) missing = "not running as root";
        else if (!Files.isExecutable(Path.of("/usr/sbin/freeradius"))) missing = "freeradius not installed (apt-get install freeradius)";
        if (missing != null) {
            if (Boolean.getBoolean("ike4j.requireInterop")) fail("ike4j.requireInterop=true but " + missing);
            assumeTrue(false, missing);
        }
        dir = Files.createTempDirectory("ike4j-freeradius");
        port = freeUdpPort();
        Files.writeString(dir.resolve("radiusd.conf"), FreeRadiusConfig.radiusdConf(dir, port, SECRET));
        Files.writeString(dir.resolve("users"), USER + " Cleartext-Password := \"" + PASSWORD + "\"\n");
        server = new ProcessBuilder("/usr/sbin/freeradius", "-X", "-f", "-d", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("radiusd.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (Files.readString(dir.resolve("radiusd.log")).contains("Ready to process requests")) return;
            if (!server.isAlive()) break;
            Thread.sleep(100);
        }
        fail("freeradius did not start:\n" + Files.readString(dir.resolve("radiusd.log")));
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.destroy();
            try {
                server.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static RadiusClient client(int serverPort, Duration timeout, int retries) throws IOException {
        RadiusConfig cfg = RadiusConfig.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort), SECRET)
                .withTimeout(timeout, retries)
                .withNas("ike4j-test", Optional.of(InetAddress.getLoopbackAddress()));
        return new RadiusClient(cfg, RandomSource.secure());
    }

    private static EapServerSession proxySession(RadiusClient client) {
        return EapServerSession.builder()
                .method(io.ike4j.core.auth.eap.EapServerMethod.PASS_THROUGH, () -> new RadiusEapProxy(client, Optional.of("gateway.example"), Optional.of("192.0.2.7[4500]")))
                .firstIdentifier(7)
                .build();
    }

    @Test
    void md5AcceptedWithoutMsk() throws Exception {
        try (RadiusClient c = client(port, Duration.ofSeconds(3), 1)) {
            EapClientSession peer = EapClientSession.builder(USER.getBytes(StandardCharsets.UTF_8))
                    .method(EapType.MD5_CHALLENGE.value(), () -> new EapMd5Client(USER, PASSWORD)).build();
            EapConversation conv = EapConversation.run(proxySession(c), peer);
            assertThat(conv.server()).isInstanceOf(EapStep.Success.class);
            assertThat(((EapStep.Success) conv.server()).msk()).isEmpty();
            assertThat(conv.client()).isInstanceOf(EapStep.Success.class);
        }
    }

    @Test
    void mschapv2AfterNakWithEqualMsks() throws Exception {
        try (RadiusClient c = client(port, Duration.ofSeconds(3), 1)) {
            // FreeRADIUS proposes MD5 first (default_eap_type); the peer only has MSCHAPv2 and Naks.
            EapClientSession peer = EapClientSession.builder(USER.getBytes(StandardCharsets.UTF_8))
                    .method(EapType.MSCHAPV2.value(), () -> new EapMsChapV2Client(RandomSource.secure(), USER, PASSWORD)).build();
            EapConversation conv = EapConversation.run(proxySession(c), peer);
            assertThat(conv.server()).as(log()).isInstanceOf(EapStep.Success.class);
            assertThat(conv.client()).isInstanceOf(EapStep.Success.class);
            byte[] serverMsk = ((EapStep.Success) conv.server()).msk().orElseThrow();
            byte[] clientMsk = ((EapStep.Success) conv.client()).msk().orElseThrow();
            assertThat(serverMsk).hasSize(64).isEqualTo(clientMsk);
            assertThat(peer.methodType()).contains(EapType.MSCHAPV2.value());
        }
    }

    @Test
    void wrongPasswordIsRejected() throws Exception {
        try (RadiusClient c = client(port, Duration.ofSeconds(3), 1)) {
            EapClientSession md5 = EapClientSession.builder(USER.getBytes(StandardCharsets.UTF_8))
                    .method(EapType.MD5_CHALLENGE.value(), () -> new EapMd5Client(USER, "wrong")).build();
            EapConversation conv = EapConversation.run(proxySession(c), md5);
            assertThat(conv.server()).isEqualTo(new EapStep.Failure("Access-Reject"));
            assertThat(conv.client()).isInstanceOf(EapStep.Failure.class);

            EapClientSession mschap = EapClientSession.builder(USER.getBytes(StandardCharsets.UTF_8))
                    .method(EapType.MSCHAPV2.value(), () -> new EapMsChapV2Client(RandomSource.secure(), USER, "wrong")).build();
            conv = EapConversation.run(proxySession(c), mschap);
            assertThat(conv.server()).isEqualTo(new EapStep.Failure("Access-Reject"));
            assertThat(conv.client()).isInstanceOf(EapStep.Failure.class);
        }
    }

    @Test
    void wrongSecretRepliesAreDroppedUntilTimeout() throws Exception {
        RadiusConfig cfg = RadiusConfig.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), "not-the-secret")
                .withTimeout(Duration.ofMillis(500), 1);
        try (RadiusClient c = new RadiusClient(cfg, RandomSource.secure())) {
            EapClientSession peer = EapClientSession.builder(USER.getBytes(StandardCharsets.UTF_8))
                    .method(EapType.MD5_CHALLENGE.value(), () -> new EapMd5Client(USER, PASSWORD)).build();
            EapConversation conv = EapConversation.run(proxySession(c), peer);
            // FreeRADIUS silently discards a request whose Message-Authenticator does not verify
            assertThat(conv.server()).isEqualTo(new EapStep.Failure("RADIUS server did not answer after 2 attempts"));
        }
    }

    @Test
    void serverDownTimesOutAfterRetries() throws Exception {
        try (RadiusClient c = client(freeUdpPort(), Duration.ofMillis(200), 2)) {
            EapClientSession peer = EapClientSession.builder(USER.getBytes(StandardCharsets.UTF_8))
                    .method(EapType.MD5_CHALLENGE.value(), () -> new EapMd5Client(USER, PASSWORD)).build();
            EapConversation conv = EapConversation.run(proxySession(c), peer);
            assertThat(conv.server()).isEqualTo(new EapStep.Failure("RADIUS server did not answer after 3 attempts"));
        }
    }

    private static String log() {
        try {
            String s = Files.readString(dir.resolve("radiusd.log"));
            return s.length() > 6000 ? s.substring(s.length() - 6000) : s;
        } catch (IOException e) {
            return "no log";
        }
    }
}
