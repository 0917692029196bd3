package io.ike4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.DecodeResult;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.IkeMessageCodec;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.config.AuthConfig;
import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.config.EngineSettings;
import io.ike4j.core.config.SharedSecret;
import io.ike4j.core.crypto.RandomSource;
import io.ike4j.core.engine.Engine;
import io.ike4j.core.engine.EngineContext;
import io.ike4j.core.engine.EngineInput;
import io.ike4j.core.engine.EngineOutput;
import io.ike4j.daemon.cli.Main;
import io.ike4j.daemon.log.DaemonLog;
import io.ike4j.daemon.log.LogLevels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --dos}: parsing, mapping onto the engine's settings, and a small IKE_SA_INIT flood against a daemon on loopback. */
class DosThresholdsTest {
    private static final IkeMessageCodec CODEC = new IkeMessageCodec();

    @TempDir
    Path dir;

    @Test
    void specIsParsedLikeStrongSwansSettings() {
        assertThat(DosThresholds.parse("cookie-threshold=10,block-threshold=2,half-open-timeout=1.5s")).contains(
                new DosThresholds(10, 3, 2, 10_000, Duration.ofMillis(1500)));
        assertThat(DosThresholds.parse("block-threshold=0")).contains(new DosThresholds(30, 3, 0, 10_000, Duration.ofSeconds(30)));
        assertThat(DosThresholds.parse("half-open-timeout=500ms")).contains(new DosThresholds(30, 3, 5, 10_000, Duration.ofMillis(500)));
        assertThat(DosThresholds.parse("cookie-threshold-ip=0,half-open-limit=250")).contains(
                new DosThresholds(30, 0, 5, 250, Duration.ofSeconds(30)));
        assertThat(DosThresholds.parse("crl-timeout=750ms")).hasValueSatisfying(d -> assertThat(d.crlTimeout()).isEqualTo(Duration.ofMillis(750)));
        assertThat(DosThresholds.parse("crl-timeout=0")).isEmpty();
        assertThat(DosThresholds.parse("half-open-limit=-5")).isEmpty();
        assertThat(DosThresholds.parse("cookie-threshold-ip=x")).isEmpty();
        assertThat(DosThresholds.DEFAULTS).isEqualTo(new DosThresholds(30, 3, 5, 10_000, Duration.ofSeconds(30), Duration.ofSeconds(5)));
        assertThat(DosThresholds.parse("cookie-threshold=-1")).isEmpty();
        assertThat(DosThresholds.parse("half-open-timeout=0")).isEmpty();
        assertThat(DosThresholds.parse("cookies=3")).isEmpty();
        assertThat(DosThresholds.parse("block-threshold")).isEmpty();
        assertThat(DosThresholds.parse("block-threshold=x")).isEmpty();
    }

    @Test
    void badSpecIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = Main.run(new String[] {"daemon", "--conf", "x.conf", "--dos", "cookie-threshold=many"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(rc).isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--dos wants cookie-threshold=N");
    }

    @Test
    void thresholdsReachTheEngineAndSurviveDefaults() throws Exception {
        Path conf = Files.writeString(dir.resolve("swanctl.conf"), conf());
        var config = io.ike4j.daemon.config.SwanctlConfigLoader.load(conf).config();
        EngineSettings s = SwanctlToEngineConfig.map(config, new SwanctlToEngineConfig.Ports(500, 4500, null,
                new DosThresholds(7, 2, 3, 400, Duration.ofSeconds(9)))).config().settings();
        assertThat(s.cookieThreshold()).isEqualTo(7);
        assertThat(s.cookieThresholdIp()).isEqualTo(2);
        assertThat(s.blockThreshold()).isEqualTo(3);
        assertThat(s.halfOpenLimit()).isEqualTo(400);
        assertThat(s.halfOpenTimeout()).isEqualTo(Duration.ofSeconds(9));
        EngineSettings d = SwanctlToEngineConfig.map(config).config().settings();
        assertThat(d.cookieThreshold()).isEqualTo(30);
        assertThat(d.blockThreshold()).isEqualTo(5);
        assertThat(d.cookieThresholdIp()).isEqualTo(3);
        assertThat(d.halfOpenLimit()).isEqualTo(10_000);
        assertThat(d.halfOpenTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    /**
     * One IKE_SA_INIT replayed from several loopback addresses and ports: the block threshold silences one address,
     * the cookie threshold then demands COOKIEs from everybody, {@code stats} shows the half-open SAs, and they time
     * out back to zero.
     */
    @Test
    void floodIsCappedAndHalfOpenSasTimeOut() throws Exception {
        Path conf = Files.writeString(dir.resolve("swanctl.conf"), conf());
        List<String> logLines = new CopyOnWriteArrayList<>();
        DaemonLog log = new DaemonLog(LogLevels.parse("1"), InstantSource.system(), logLines::add);
        Path sock = dir.resolve("ike4j.sock");
        String uri = "unix://" + sock;
        DaemonOptions options = new DaemonOptions(conf, sock, 0, 0, Optional.empty(), DaemonOptions.DataPlaneKind.NONE,
                DaemonOptions.DEFAULT_TUN, DaemonOptions.DEFAULT_TUN_MTU, Retransmission.DEFAULTS, true,
                new DosThresholds(3, 2, Duration.ofSeconds(2)));
        Daemon d = Daemon.start(options, log, InstantSource.system());
        List<DatagramSocket> sockets = new ArrayList<>();
        try {
            byte[] request = initSaInit(d.ikePort());
            InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), d.ikePort());
            // 127.0.0.10: two half-open SAs, then ignored (block threshold 2)
            assertThat(exchange(sockets, "127.0.0.10", request, target)).hasValueSatisfying(m -> assertThat(m.header().responderSpi()).isNotZero());
            assertThat(exchange(sockets, "127.0.0.10", request, target)).hasValueSatisfying(m -> assertThat(m.header().responderSpi()).isNotZero());
            assertThat(exchange(sockets, "127.0.0.10", request, target)).isEmpty();
            // 127.0.0.11 makes three half-open SAs: the cookie threshold; 127.0.0.12 must return a COOKIE first
            assertThat(exchange(sockets, "127.0.0.11", request, target)).hasValueSatisfying(m -> assertThat(m.header().responderSpi()).isNotZero());
            for (int i = 12; i < 20; i++) {
                assertThat(exchange(sockets, "127.0.0." + i, request, target)).hasValueSatisfying(m -> {
                    assertThat(m.header().responderSpi()).isZero();
                    assertThat(m.all(NotifyPayload.class)).anyMatch(n -> n.notifyType() == NotifyType.COOKIE.value());
                });
            }
            assertThat(cli("stats", "--uri", uri)).contains("total, 3 half-open");
            assertThat(logLines).anyMatch(l -> l.contains("ignoring IKE_SA_INIT from") && l.contains("block threshold 2"));
            // nobody sends IKE_AUTH: after the half-open timeout (2 s) nothing is left
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!cli("stats", "--uri", uri).contains("total, 0 half-open") && System.nanoTime() < deadline) Thread.sleep(200);
            assertThat(cli("stats", "--uri", uri)).contains("IKE_SAs: 0 total, 0 half-open");
            // and the blocked address is served again
            assertThat(exchange(sockets, "127.0.0.10", request, target)).hasValueSatisfying(m -> assertThat(m.header().responderSpi()).isNotZero());
        } finally {
            sockets.forEach(DatagramSocket::close);
            d.close();
        }
    }

    /** Sends {@code request} from a fresh socket on {@code ip}; the answer, or empty if none came within 1.5 s. */
    private static Optional<IkeMessage> exchange(List<DatagramSocket> sockets, String ip, byte[] request, InetSocketAddress to)
            throws Exception {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(ip), 0));
        sockets.add(s); // kept open: the responder's half-open SA is keyed by this port
        s.setSoTimeout(1500);
        s.send(new DatagramPacket(request, request.length, to));
        byte[] buf = new byte[4096];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            s.receive(p);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
        return Optional.of(((DecodeResult.Decoded) CODEC.decode(Arrays.copyOf(buf, p.getLength()))).message());
    }

    /** An IKE_SA_INIT request for the daemon, made by a core engine acting as the initiator. */
    private static byte[] initSaInit(int port) {
        EngineConfig cfg = EngineConfig.builder().secret(SharedSecret.of("flood", "sun", "moon"))
                .connection(ConnectionConfig.builder("gw").localAddrs("127.0.0.1").remoteAddrs("127.0.0.1").remotePort(port)
                        .ikeProposals("aes256gcm16-prfsha256-x25519").local(AuthConfig.psk("sun")).remote(AuthConfig.psk("moon"))
                        .child(ChildConfig.builder("net").localTs("10.2.0.0/16").remoteTs("10.1.0.0/16").espProposals("aes128gcm16").build())
                        .build()).build();
        Engine e = Engine.create(new EngineContext(cfg, InstantSource.system(), RandomSource.secure()));
        return e.handle(new EngineInput.Initiate("gw", "net")).stream().filter(EngineOutput.SendDatagram.class::isInstance)
                .map(o -> ((EngineOutput.SendDatagram) o).data()).findFirst().orElseThrow();
    }

    private static String cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String conf() {
        return """
                connections {
                  rw {
                    proposals = aes256gcm16-prfsha256-x25519
                    local {
                      auth = psk
                      id = moon
                    }
                    remote {
                      auth = psk
                      id = sun
                    }
                    children {
                      net {
                        local_ts = 10.1.0.0/16
                        remote_ts = 10.2.0.0/16
                      }
                    }
                  }
                }
                secrets {
                  ike-rw {
                    id = sun
                    secret = flood
                  }
                }
                """;
    }
}
