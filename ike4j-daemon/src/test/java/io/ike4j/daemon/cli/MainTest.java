package io.ike4j.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.daemon.control.ControlServer;
import io.ike4j.daemon.control.FakeHandler;
import io.ike4j.daemon.control.json.JsonReader;
import io.ike4j.daemon.control.json.JsonValue;
import io.ike4j.daemon.control.json.JsonValue.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void reportsADaemonThatIsNotRunning() {
        String uri = "unix://" + dir.resolve("missing.sock");
        for (String cmd : new String[] {"list-sas", "list-conns", "list-pools", "stats", "version", "load-all"}) {
            Run r = run(cmd, "--uri", uri);
            assertThat(r.code()).as(cmd).isEqualTo(Command.UNREACHABLE);
            assertThat(r.err()).as(cmd).contains("daemon is not running").contains("missing.sock");
        }
        Run r = run("initiate", "--child", "net", "--uri", uri);
        assertThat(r.code()).isEqualTo(Command.UNREACHABLE);
    }

    @Test
    void rejectsBadUsage() {
        assertThat(run().code()).isEqualTo(Command.USAGE);
        assertThat(run("frobnicate").err()).contains("unknown command");
        assertThat(run("initiate").err()).contains("--child");
        assertThat(run("terminate", "--ike", "a", "--child", "b").code()).isEqualTo(Command.USAGE);
        assertThat(run("list-sas", "--uri", "tcp://x").err()).contains("unix:///");
        assertThat(run("list-sas", "--bogus").err()).contains("unknown option --bogus");
        assertThat(run("initiate", "--child", "x", "--timeout", "soon").err()).contains("--timeout");
        assertThat(run("daemon").err()).contains("--conf");
        assertThat(run("daemon", "--conf", "x", "--log", "ike=9").err()).contains("outside");
        assertThat(run("--help").out()).contains("list-sas").contains("daemon --conf");
    }

    @Test
    void talksToARunningDaemon() throws Exception {
        Path sock = dir.resolve("ike4j.sock");
        String uri = "unix://" + sock;
        try (ControlServer s = ControlServer.start(sock, new FakeHandler(), l -> {}, InstantSource.fixed(Instant.ofEpochSecond(1_045)))) {
            Run ok = run("initiate", "--child", "net", "--timeout", "5", "--uri", uri);
            assertThat(ok.code()).isZero();
            assertThat(ok.out()).contains("initiating CHILD_SA net").contains("established successfully");

            Run fail = run("initiate", "--child", "web", "--uri", uri);
            assertThat(fail.code()).isEqualTo(Command.FAILED);
            assertThat(fail.err()).contains("NO_PROPOSAL_CHOSEN");

            Run json = run("list-sas", "--json", "--uri", uri);
            assertThat(json.code()).isZero();
            JsonValue parsed = JsonReader.read(json.out().trim());
            assertThat(parsed).isInstanceOf(JsonValue.JsonArray.class);
            JsonObject first = (JsonObject) ((JsonValue.JsonArray) parsed).elements().getFirst();
            assertThat(first.string("name")).hasValue("home");
            assertThat(first.string("initiator-spi")).hasValue("1d0ee7c3f8aa4f4b");
            assertThat(((JsonValue.JsonArray) parsed).elements()).hasSize(2);

            Run text = run("list-sas", "--uri", uri);
            assertThat(text.out()).contains("home: #3, ESTABLISHED, IKEv2, 1d0ee7c3f8aa4f4b_i* 00000000000000ab_r")
                    .contains("  local  'moon.example' @ 192.0.2.1[500]")
                    .contains("  AES_CBC-128/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/CURVE_25519")
                    .contains("  net: #7, INSTALLED, TUNNEL, ESP:AES_GCM_16-256/CURVE_25519")
                    .contains("    in  c1ad4fa3,")
                    .contains("    remote 10.2.0.0/16 10.3.0.0/16");

            Run conns = run("list-conns", "--json", "--uri", uri);
            assertThat(conns.out()).startsWith("[{\"name\":\"home\"");
            assertThat(run("list-conns", "--uri", uri).out()).contains("home: IKEv2").contains("  net: TUNNEL");
            assertThat(run("list-pools", "--uri", uri).out()).isEqualTo(String.format(
                    "%-20s %-40s %5s / %5s / %5s%n", "rw-pool", "10.3.0.0", 1, 1, 254));
            assertThat(run("list-pools", "--leases", "--uri", uri).out())
                    .contains(String.format("  %-39s %-7s '%s'%n", "10.3.0.1", "online", "carol@example.org"))
                    .contains(String.format("  %-39s %-7s '%s'%n", "10.3.0.2", "offline", "dave@example.org"));
            assertThat(run("list-pools", "--json", "--uri", uri).out().trim())
                    .isEqualTo("[{\"name\":\"rw-pool\",\"base\":\"10.3.0.0\",\"size\":254,\"online\":1,\"offline\":1}]");
            assertThat(run("stats", "--uri", uri).out()).contains("IKE_SAs: 1 total, 0 half-open").contains("retransmits: 2, errors: 3");
            assertThat(run("version", "--uri", uri).out()).contains("0.1.0");
            assertThat(run("load-all", "--uri", uri).out()).contains("loaded 1 connections");
            assertThat(run("terminate", "--ike", "home", "--uri", uri).code()).isZero();
            assertThat(run("terminate", "--ike", "nope", "--uri", uri).code()).isEqualTo(Command.FAILED);
        }
    }
}
