package io.ike4j.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.api.IkeGateway;
import io.ike4j.api.IkeGatewayListener;
import io.ike4j.api.IkeGatewayParams;
import io.ike4j.platform.dataplane.InMemoryDataPlane;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ike4j bench} against an in-process ike4j responder on loopback (ephemeral ports, no root). */
class BenchCommandTest {
    private static final String PSK = "bench-test-secret-0123456789";

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path conf(int port, String psk) throws Exception {
        Path f = dir.resolve("bench.conf");
        Files.writeString(f, """
                connections {
                  gw {
                    local_addrs = 127.0.0.1
                    remote_addrs = 127.0.0.1
                    remote_port = %d
                    proposals = aes128gcm16-prfsha256-x25519
                    local {
                      auth = psk
                      id = client.bench.test
                    }
                    remote {
                      auth = psk
                      id = gateway.bench.test
                    }
                    children {
                      net {
                        local_ts = 10.2.0.0/16
                        remote_ts = 10.1.0.0/16
                        esp_proposals = aes128gcm16
                      }
                    }
                  }
                }
                secrets {
                  ike-bench {
                    id = client.bench.test
                    secret = "%s"
                  }
                }
                """.formatted(port, psk));
        return f;
    }

    private static IkeGateway gateway() throws Exception {
        IkeGatewayParams gp = IkeGatewayParams.builder()
                .localAddress(InetAddress.getByName("127.0.0.1")).localPort(0).localNatTraversalPort(0)
                .localIdentity("gateway.bench.test").addPeer("client.bench.test", PSK)
                .addIkeProposal("aes128gcm16-prfsha256-x25519")
                .child(DemoCommand.childParams("aes128gcm16", false, true)).build();
        return IkeGateway.start(gp, null, new IkeGatewayListener() { }, new InMemoryDataPlane());
    }

    @Test
    void establishesEveryIkeSaAndReportsRateAndLatency() throws Exception {
        try (IkeGateway gw = gateway()) {
            Run r = run("bench", "--conf", conf(gw.ikeEndpoint().port(), PSK).toString(), "--count", "12",
                    "--concurrency", "4", "--json", "--quiet", "--timeout", "60");
            assertThat(r.code()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("\"connection\":\"gw\"", "\"count\":12", "\"established\":12", "\"failed\":0",
                    "\"timed_out\":0", "\"p50\":", "\"rate_per_s\":");
            long deadline = System.nanoTime() + 20_000_000_000L; // the bench deletes what it set up when it ends
            while (!gw.listSas().isEmpty() && System.nanoTime() < deadline) Thread.sleep(50);
            assertThat(gw.listSas()).as("IKE SAs left at the responder").isEmpty();
        }
    }

    @Test
    void deletesEachSaWhenAskedAndPrintsTheTextReport() throws Exception {
        try (IkeGateway gw = gateway()) {
            Run r = run("bench", "--conf", conf(gw.ikeEndpoint().port(), PSK).toString(), "--count", "5",
                    "--concurrency", "2", "--delete", "--quiet");
            assertThat(r.code()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("connection    gw/net, 5 IKE SAs, concurrency 2, deleted when up",
                    "established   5   failed 0   timed out 0", "latency ms", "retransmits");
        }
    }

    @Test
    void warmsUpInTheSameRuntimeAndReportsOnlyTheMeasuredSas() throws Exception {
        try (IkeGateway gw = gateway()) {
            Run r = run("bench", "--conf", conf(gw.ikeEndpoint().port(), PSK).toString(), "--warmup", "4", "--count", "3",
                    "--concurrency", "2", "--delete", "--json", "--timeout", "60");
            assertThat(r.code()).as(r.out() + r.err()).isZero();
            assertThat(r.err()).contains("warm-up: 4/4 established");
            assertThat(r.out()).contains("\"count\":3", "\"established\":3", "\"failed\":0");
        }
        assertThat(run("bench", "--conf", conf(500, PSK).toString(), "--warmup", "x").code()).isEqualTo(Command.USAGE);
    }

    @Test
    void countsAuthenticationFailuresByReason() throws Exception {
        try (IkeGateway gw = gateway()) {
            Run r = run("bench", "--conf", conf(gw.ikeEndpoint().port(), "not-the-gateways-secret").toString(),
                    "--count", "3", "--concurrency", "3", "--quiet", "--timeout", "60");
            assertThat(r.code()).isEqualTo(Command.FAILED);
            assertThat(r.out()).contains("established   0   failed 3", "failure       3 x");
        }
    }

    @Test
    void refusesUnknownConnectionsAndMissingConf() throws Exception {
        assertThat(run("bench").code()).isEqualTo(Command.USAGE);
        Run r = run("bench", "--conf", conf(500, PSK).toString(), "--conn", "nope");
        assertThat(r.code()).isEqualTo(Command.USAGE);
        assertThat(r.err()).contains("no connection 'nope'");
        assertThat(run("bench", "--conf", conf(500, PSK).toString(), "--count", "0").code()).isEqualTo(Command.USAGE);
    }
}
