package io.ike4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.crypto.RandomSource;
import io.ike4j.core.engine.Engine;
import io.ike4j.core.engine.EngineContext;
import io.ike4j.core.engine.SaEvent;
import io.ike4j.daemon.config.ConfigResult;
import io.ike4j.daemon.config.SwanctlConfigLoader;
import io.ike4j.platform.dataplane.InMemoryDataPlane;
import io.ike4j.platform.net.DatagramHandler;
import io.ike4j.platform.net.EspSink;
import io.ike4j.platform.net.TransportConfig;
import io.ike4j.platform.net.UdpTransport;
import io.ike4j.platform.runtime.EngineRuntime;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, denial of service: blocking work never starves the handshake path. One gateway daemon serves three kinds
 * of peer at once: a certificate peer whose CRL distribution point accepts the connection and then stalls, an EAP peer
 * relayed to a RADIUS server that never answers, and PSK peers. While both stalled operations are still pending (the
 * HTTP request is held, the RADIUS request unanswered, neither handshake finished), PSK handshakes on the same
 * runtime keep completing. Nothing here measures speed: it counts completed handshakes while the others still wait.
 */
class BlockingWorkIsolationTest {
    private static final int PSK_HANDSHAKES = 3;

    @TempDir
    Path dir;

    private Path p(String name) {
        return dir.resolve(name);
    }

    /** CA -> intermediate -> host certificates; the client's carries {@code crlUrl} as its distribution point. */
    private void makePki(String crlUrl) throws Exception {
        new TestDaemons(dir).chain(256, List.of("sun", "moon"), List.of("carol"), "--crl", crlUrl);
    }

    private static String connection(String name, String local, String remote, String remotePort, String localAuth,
                                     String remoteAuth) {
        return """
                  %s {
                    local_addrs = %s
                    remote_addrs = %s
                    remote_port = %s
                    proposals = aes256gcm16-prfsha256-x25519
                    local {
                %s
                    }
                    remote {
                %s
                    }
                    children {
                      net {
                        local_ts = 10.%d.0.0/16
                        remote_ts = 10.99.0.0/16
                        esp_proposals = aes128gcm16
                      }
                    }
                  }
                """.formatted(name, local, remote, remotePort, localAuth, remoteAuth, Math.abs(name.hashCode() % 200));
    }

    private static final String PSK_SECRET = """
            secrets {
              ike-psk {
                id-a = sun.psk
                id-b = pskpeer
                secret = "a pre-shared key for the PSK peers"
              }
              eap-carol {
                id = carol
                secret = "carol's password"
              }
            }
            """;

    /** The gateway: certificates checked against the stalling CDP, EAP relayed to the silent RADIUS server, PSK. */
    private String gatewayConf(int radiusPort) {
        return "connections {\n"
                + connection("cert", "127.0.0.1", "127.0.0.3", "500", "certs = sun.pem\n id = sun.example.org",
                        "auth = pubkey\n id = moon.example.org")
                + connection("eap", "127.0.0.1", "127.0.0.4", "500", "certs = sun.pem\n id = sun.example.org",
                        "auth = eap-radius\n eap_id = %any")
                + connection("psk", "127.0.0.1", "127.0.0.2", "500", "auth = psk\n id = sun.psk", "auth = psk\n id = pskpeer")
                + "}\n" + PSK_SECRET + """
                radius {
                  servers {
                    silent {
                      address = 127.0.0.1
                      auth_port = %d
                      secret = testing123
                      timeout = 300s
                      retransmit_tries = 0
                    }
                  }
                }
                """.formatted(radiusPort);
    }

    /** An initiator engine on its own loopback address, configured from swanctl.conf text and a credential directory. */
    private static final class Peer implements AutoCloseable {
        final UdpTransport transport;
        final EngineRuntime runtime;
        final BlockingQueue<SaEvent> events = new LinkedBlockingQueue<>();

        Peer(String address, String conf, Path confDir) throws Exception {
            Path file = Files.writeString(confDir.resolve("swanctl.conf"), conf);
            ConfigResult r = SwanctlConfigLoader.load(file);
            assertThat(r.hasErrors()).as(r.diagnostics().toString()).isFalse();
            DatagramHandler[] target = new DatagramHandler[1];
            transport = UdpTransport.open(new TransportConfig(0, 0, List.of(InetAddress.getByName(address))),
                    (l, rm, d) -> { if (target[0] != null) target[0].onIkeDatagram(l, rm, d); }, EspSink.DROP);
            var mapped = SwanctlToEngineConfig.map(r.config(), new SwanctlToEngineConfig.Ports(transport.ikePort(),
                    transport.natTraversalPort()), Optional.of(confDir));
            Engine engine = Engine.create(new EngineContext(mapped.config(), InstantSource.system(), RandomSource.secure(),
                    null, Optional.empty(), UdpTransport.sourceAddressSelector()));
            runtime = new EngineRuntime(engine::handle, transport, new InMemoryDataPlane(), InstantSource.system());
            runtime.addListener(events::add);
            target[0] = runtime;
        }

        /** Initiates {@code connection} and waits for its IKE SA: true if established, false if it failed. */
        boolean establish(String connection) throws Exception {
            runtime.initiate(connection, "net").get(60, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline) {
                SaEvent e = events.poll(1, TimeUnit.SECONDS);
                if (e instanceof SaEvent.IkeSaEstablished est && est.connection().equals(connection)) return true;
                if (e instanceof SaEvent.IkeSaFailed f && f.connection().equals(connection)) return false;
            }
            return false;
        }

        boolean sawAnyIkeOutcome() {
            return events.stream().anyMatch(e -> e instanceof SaEvent.IkeSaEstablished || e instanceof SaEvent.IkeSaFailed);
        }

        @Override
        public void close() {
            runtime.close();
            transport.close();
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static String cli(String... args) {
        return TestDaemons.cli(args).output();
    }

    @Test
    void pskHandshakesCompleteWhileACrlFetchAndARadiusRequestStall() throws Exception {
        // a CRL distribution point that accepts the request and never answers until the test ends
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger crlRequests = new AtomicInteger(), crlAnswered = new AtomicInteger();
        var http = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/inter.crl", x -> {
            crlRequests.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            crlAnswered.incrementAndGet();
            x.close();
        });
        http.start();
        // a RADIUS server that receives and never answers
        DatagramSocket radius = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        AtomicInteger radiusRequests = new AtomicInteger();
        Thread radiusLoop = Thread.ofVirtual().start(() -> {
            byte[] buf = new byte[4096];
            while (!radius.isClosed()) {
                try {
                    radius.receive(new DatagramPacket(buf, buf.length));
                    radiusRequests.incrementAndGet();
                } catch (java.io.IOException e) {
                    return;
                }
            }
        });
        List<String> gwLog = new CopyOnWriteArrayList<>();
        Daemon gw = null;
        try {
            makePki("http://127.0.0.1:" + http.getAddress().getPort() + "/inter.crl");
            Path conf = p("sun/swanctl.conf");
            // the CRL wait is long on purpose: it must still be pending when the PSK handshakes are done
            DosThresholds dos = new DosThresholds(30, 3, 5, 10_000, Duration.ofSeconds(30), Duration.ofSeconds(300));
            gw = TestDaemons.start(conf, gatewayConf(radius.getLocalPort()), new DaemonOptions(conf, p("sun.sock"), 0, 0, Optional.empty(),
                    DaemonOptions.DataPlaneKind.NONE, DaemonOptions.DEFAULT_TUN, DaemonOptions.DEFAULT_TUN_MTU, Retransmission.DEFAULTS,
                    true, dos), "1", gwLog);
            String port = String.valueOf(gw.ikePort());
            String uri = "unix://" + p("sun.sock");
            try (Peer moon = new Peer("127.0.0.3", "connections {\n" + connection("cert", "127.0.0.3", "127.0.0.1", port,
                         "certs = moon.pem\n id = moon.example.org", "id = sun.example.org") + "}\n", p("moon"));
                 Peer carol = new Peer("127.0.0.4", "connections {\n" + connection("eap", "127.0.0.4", "127.0.0.1", port,
                         "auth = eap-md5\n id = carol\n eap_id = carol", "id = sun.example.org") + "}\n" + PSK_SECRET, p("carol"));
                 Peer psk = new Peer("127.0.0.2", pskConf(port), Files.createDirectories(p("psk")))) {
                // both stalled operations start and are pending
                moon.runtime.initiate("cert", "net").get(60, TimeUnit.SECONDS);
                carol.runtime.initiate("eap", "net").get(60, TimeUnit.SECONDS);
                await("the gateway's CRL request", () -> crlRequests.get() > 0);
                await("the gateway's RADIUS request", () -> radiusRequests.get() > 0);

                // meanwhile PSK peers keep getting in, one full handshake after another (each with INITIAL_CONTACT)
                int established = 0;
                for (int i = 1; i <= PSK_HANDSHAKES; i++) {
                    assertThat(psk.establish("psk" + i)).as("PSK handshake %d; gateway log:%n%s", i, String.join("\n", gwLog)).isTrue();
                    established++;
                }
                assertThat(established).isEqualTo(PSK_HANDSHAKES);
                // the gateway's side of them is complete too (its events are out, so it is not stuck behind a stalled SA)
                await("the gateway to count an established PSK IKE SA", () -> gatewayCounts(uri).established() >= 1);
                String list = cli("list-sas", "--uri", uri);
                assertThat(list).contains("psk").contains("ESTABLISHED");
                // ... while both stalled operations are still pending: nothing answered, neither handshake finished
                assertThat(crlAnswered).hasValue(0);
                assertThat(radiusRequests).hasValue(1); // retransmit_tries = 0: the one request, still unanswered
                assertThat(moon.sawAnyIkeOutcome()).as("certificate peer still waiting").isFalse();
                assertThat(carol.sawAnyIkeOutcome()).as("EAP peer still waiting").isFalse();
                assertThat(gwLog).noneMatch(l -> l.contains("fetching CRL from") || l.contains("RADIUS server did not answer"));
                // and the control socket counts the two stalled handshakes as half-open
                assertThat(gatewayCounts(uri).halfOpen()).isEqualTo(2);
            }
        } finally {
            release.countDown();
            if (gw != null) gw.close();
            http.stop(0);
            radius.close();
            radiusLoop.join(5_000);
        }
    }

    private record Counts(int established, int halfOpen) {}

    /** {@code ike4j stats}: "IKE_SAs: N total, M half-open". */
    private static Counts gatewayCounts(String uri) {
        String out = cli("stats", "--uri", uri);
        var m = java.util.regex.Pattern.compile("IKE_SAs: (\\d+) total, (\\d+) half-open").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return new Counts(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    private static String pskConf(String port) {
        StringBuilder b = new StringBuilder("connections {\n");
        for (int i = 1; i <= PSK_HANDSHAKES; i++) {
            b.append(connection("psk" + i, "127.0.0.2", "127.0.0.1", port, "auth = psk\n id = pskpeer", "auth = psk\n id = sun.psk"));
        }
        return b.append("}\n").append(PSK_SECRET).toString();
    }
}
