package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.daemon.control.ControlClient;
import io.ike4j.daemon.control.ControlClientException;
import io.ike4j.daemon.control.json.JsonValue.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The daemon's control socket, spoken directly ({@code stats}, {@code list-sas}): the adversarial labs query it after
 * every case, and a CLI JVM per query would be slow.
 */
final class DaemonControl {
    private final Ike4jPeer daemon;

    DaemonControl(Ike4jPeer daemon) {
        this.daemon = daemon;
    }

    /** The daemon's {@code stats} answer data. */
    JsonObject stats() {
        return call("stats", e -> { }).object("data").orElseThrow();
    }

    /** The IKE SAs {@code list-sas} streams (one JSON object each). */
    List<JsonObject> sas() {
        List<JsonObject> sas = new ArrayList<>();
        call("list-sas", e -> e.object("sa").ifPresent(sas::add));
        return sas;
    }

    private JsonObject call(String command, Consumer<JsonObject> events) {
        try (ControlClient c = ControlClient.connect(Path.of(daemon.uri().substring("unix://".length())))) {
            JsonObject r = c.call(command, JsonObject.builder().build(), events);
            assertThat(r.bool("ok")).as(command + ": " + r).contains(true);
            return r;
        } catch (ControlClientException e) {
            throw new AssertionError("control socket: " + e.getMessage() + "; daemon alive: " + daemon.alive(), e);
        }
    }
}
