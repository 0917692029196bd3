package io.ike4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.daemon.control.json.JsonReader;
import io.ike4j.daemon.control.json.JsonValue;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two ike4j daemons on loopback, configured with swanctl.conf and driven only through the CLI. */
class TwoDaemonsTest {
    @TempDir
    Path dir;

    private static TestDaemons.Cli cli(String... args) {
        return TestDaemons.cli(args);
    }

    private static String conf(String name, String remote, String remotePort, String localTs, String remoteTs,
                               String localId, String remoteId, String psk) {
        return TestDaemons.pskConf(name, remote, remotePort, localTs, remoteTs, localId, remoteId, "", psk);
    }

    private Daemon start(String name, String conf, List<String> log) throws Exception {
        return TestDaemons.start(dir.resolve(name + ".conf"), conf, dir.resolve(name + ".sock"), log);
    }

    private static JsonValue.JsonObject onlySa(String uri) throws Exception {
        TestDaemons.Cli list = cli("list-sas", "--json", "--uri", uri);
        assertThat(list.exit()).as(list.output()).isZero();
        JsonValue v = JsonReader.read(list.output().trim());
        assertThat(v).isInstanceOf(JsonValue.JsonArray.class);
        List<JsonValue> sas = ((JsonValue.JsonArray) v).elements();
        assertThat(sas).hasSize(1);
        return (JsonValue.JsonObject) sas.getFirst();
    }

    @Test
    void initiatesThroughTheCliAndBothSidesListTheSameSa() throws Exception {
        List<String> gwLog = new CopyOnWriteArrayList<>();
        List<String> clLog = new CopyOnWriteArrayList<>();
        try (Daemon gw = start("gw", conf("gw", "%any", "500", "10.2.0.0/16", "10.1.0.0/16",
                "moon.example.org", "sun.example.org", "\"a shared secret\""), gwLog);
             Daemon client = start("client", conf("home", "127.0.0.1", String.valueOf(gw.ikePort()),
                     "10.1.0.0/16", "10.2.0.0/16", "sun.example.org", "moon.example.org", "\"a shared secret\""), clLog)) {
            String gwUri = "unix://" + dir.resolve("gw.sock");
            String clUri = "unix://" + dir.resolve("client.sock");

            TestDaemons.Cli up = cli("initiate", "--child", "net", "--timeout", "10", "--uri", clUri);
            assertThat(up.exit()).as(up.output() + String.join("\n", clLog) + String.join("\n", gwLog)).isZero();

            JsonValue.JsonObject c = onlySa(clUri);
            JsonValue.JsonObject g = onlySa(gwUri);
            for (String key : List.of("initiator-spi", "responder-spi", "encr-alg", "encr-keysize", "prf-alg", "dh-group")) {
                assertThat(c.get(key)).as(key).isEqualTo(g.get(key));
            }
            assertThat(c.string("state")).contains("ESTABLISHED");
            assertThat(c.string("initiator")).contains("yes");
            assertThat(g.string("initiator")).contains("no");
            assertThat(c.string("local-id")).isEqualTo(g.string("remote-id")).contains("sun.example.org");
            assertThat(c.string("encr-alg")).contains("AES_GCM_16");
            assertThat(c.string("dh-group")).contains("CURVE_25519");

            JsonValue.JsonObject cc = (JsonValue.JsonObject) c.array("child-sas").orElseThrow().elements().getFirst();
            JsonValue.JsonObject gc = (JsonValue.JsonObject) g.array("child-sas").orElseThrow().elements().getFirst();
            assertThat(cc.string("spi-in")).isEqualTo(gc.string("spi-out"));
            assertThat(cc.string("spi-out")).isEqualTo(gc.string("spi-in"));
            assertThat(cc.get("local-ts")).isEqualTo(gc.get("remote-ts"));

            TestDaemons.Cli down = cli("terminate", "--ike", "home", "--uri", clUri);
            assertThat(down.exit()).as(down.output()).isZero();
        }
    }

    @Test
    void rekeyCommandRekeysByNameAndByUniqueIdAndLogsTheEvents() throws Exception {
        List<String> gwLog = new CopyOnWriteArrayList<>();
        List<String> clLog = new CopyOnWriteArrayList<>();
        try (Daemon gw = start("gw", conf("gw", "%any", "500", "10.2.0.0/16", "10.1.0.0/16",
                "moon.example.org", "sun.example.org", "\"a shared secret\""), gwLog);
             Daemon client = start("client", conf("home", "127.0.0.1", String.valueOf(gw.ikePort()),
                     "10.1.0.0/16", "10.2.0.0/16", "sun.example.org", "moon.example.org", "\"a shared secret\""), clLog)) {
            String gwUri = "unix://" + dir.resolve("gw.sock");
            String clUri = "unix://" + dir.resolve("client.sock");
            assertThat(cli("initiate", "--child", "net", "--timeout", "10", "--uri", clUri).exit()).isZero();
            JsonValue.JsonObject before = onlySa(clUri);
            String childSpi = ((JsonValue.JsonObject) before.array("child-sas").orElseThrow().elements().getFirst()).string("spi-in").orElseThrow();

            TestDaemons.Cli child = cli("rekey", "--child", "net", "--timeout", "10", "--uri", clUri);
            assertThat(child.exit()).as(child.output()).isZero();
            assertThat(child.output()).contains("rekeyed 1 CHILD_SA(s)").contains("rekeyed to {");
            TestDaemons.Cli ike = cli("rekey", "--ike-id", before.string("uniqueid").orElseThrow(), "--timeout", "10", "--uri", gwUri);
            assertThat(ike.exit()).as(ike.output()).isZero();
            assertThat(ike.output()).contains("rekeyed 1 IKE_SA(s)");

            // the responder of the rekey may still be finishing it (deleting the old IKE SA) when the command returns,
            // and list-sas does not wait for a busy SA: give both sides a moment to show the new SA
            JsonValue.JsonObject c = onlySa(clUri), g = onlySa(gwUri);
            for (long end = System.nanoTime() + 10_000_000_000L; System.nanoTime() < end
                    && !(c.string("initiator-spi").equals(g.string("initiator-spi"))
                    && !c.string("initiator-spi").equals(before.string("initiator-spi"))); ) {
                Thread.sleep(100);
                c = onlySa(clUri);
                g = onlySa(gwUri);
            }
            assertThat(c.string("initiator-spi")).isEqualTo(g.string("initiator-spi")).isNotEqualTo(before.string("initiator-spi"));
            JsonValue.JsonObject cc = (JsonValue.JsonObject) c.array("child-sas").orElseThrow().elements().getFirst();
            assertThat(c.array("child-sas").orElseThrow().elements()).hasSize(1);
            assertThat(cc.string("spi-in")).isNotEqualTo(Optional.of(childSpi));
            assertThat(clLog).anyMatch(l -> l.contains("rekeyed to {"));
            assertThat(gwLog).anyMatch(l -> l.contains("rekeyed, SPIs"));

            TestDaemons.Cli missing = cli("rekey", "--child", "nope", "--uri", clUri);
            assertThat(missing.exit()).isNotZero();
            TestDaemons.Cli usage = cli("rekey", "--uri", clUri);
            assertThat(usage.exit()).isNotZero();
            assertThat(usage.output()).contains("rekey needs exactly one");
        }
    }

    @Test
    void wrongPskFailsWithAuthenticationFailed() throws Exception {
        List<String> gwLog = new CopyOnWriteArrayList<>();
        List<String> clLog = new CopyOnWriteArrayList<>();
        try (Daemon gw = start("gw", conf("gw", "%any", "500", "10.2.0.0/16", "10.1.0.0/16",
                "moon.example.org", "sun.example.org", "right-secret"), gwLog);
             Daemon client = start("client", conf("home", "127.0.0.1", String.valueOf(gw.ikePort()),
                     "10.1.0.0/16", "10.2.0.0/16", "sun.example.org", "moon.example.org", "wrong-secret"), clLog)) {
            TestDaemons.Cli up = cli("initiate", "--child", "net", "--timeout", "10", "--uri", "unix://" + dir.resolve("client.sock"));
            assertThat(up.exit()).isNotZero();
            assertThat(up.output()).contains("AUTHENTICATION_FAILED");
        }
    }
}
