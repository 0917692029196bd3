package io.ike4j.daemon.control;

import io.ike4j.core.engine.IkeSaInfo;
import io.ike4j.daemon.control.json.JsonException;
import io.ike4j.daemon.control.json.JsonReader;
import io.ike4j.daemon.control.json.JsonValue;
import io.ike4j.daemon.control.json.JsonValue.JsonObject;
import io.ike4j.daemon.control.json.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/** Serves one client connection: reads requests line by line and answers each (see {@link ControlProtocol}). */
final class ControlSession {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final long MAX_TIMEOUT_SECONDS = 3600;

    private final LineChannel lines;
    private final ControlHandler handler;
    private final InstantSource clock;

    ControlSession(LineChannel lines, ControlHandler handler, InstantSource clock) {
        this.lines = lines;
        this.handler = handler;
        this.clock = clock;
    }

    void run() throws IOException {
        while (true) {
            Optional<String> line;
            try {
                line = lines.readLine();
            } catch (LineChannel.LineException e) {
                send(ControlProtocol.error(e.kind() == LineChannel.LineException.Kind.TOO_LONG ? ErrorCode.TOO_LARGE
                        : ErrorCode.BAD_REQUEST, e.getMessage()));
                continue;
            }
            if (line.isEmpty()) return;
            if (line.get().isBlank()) continue;
            try {
                send(handle(line.get()));
            } catch (UncheckedIOException e) {
                throw e.getCause(); // the client went away mid-stream
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // a handler bug must not kill the daemon or leave the client waiting
                send(ControlProtocol.error(ErrorCode.INTERNAL, "internal error: " + e.getClass().getSimpleName()));
            }
        }
    }

    private JsonObject handle(String line) throws InterruptedException {
        JsonObject req;
        try {
            req = JsonReader.readObject(line);
        } catch (JsonException e) {
            return ControlProtocol.error(ErrorCode.BAD_REQUEST, "malformed request: " + e.getMessage());
        }
        Optional<String> command = req.string("command");
        if (command.isEmpty()) return ControlProtocol.error(ErrorCode.BAD_REQUEST, "request has no \"command\" string");
        JsonValue argsValue = req.get("args").orElse(JsonObject.builder().build());
        if (!(argsValue instanceof JsonObject args)) return ControlProtocol.error(ErrorCode.BAD_REQUEST, "\"args\" must be an object");
        // Log lines may come from another thread (the daemon's event dispatch): never throw there, just stop sending.
        Consumer<String> log = msg -> {
            try {
                send(ControlProtocol.log(msg));
            } catch (IOException | RuntimeException e) {
                // the client went away; the final answer will fail too and end the session
            }
        };
        return switch (command.get()) {
            case ControlProtocol.INITIATE -> {
                Optional<String> child = args.string("child");
                Optional<String> ike = args.string("ike");
                if (child.isEmpty() && ike.isEmpty()) yield ControlProtocol.error(ErrorCode.BAD_REQUEST, "initiate needs \"child\" or \"ike\"");
                Optional<Duration> timeout = timeout(args);
                if (timeout.isEmpty()) yield ControlProtocol.error(ErrorCode.BAD_REQUEST, "\"timeout\" must be 1.." + MAX_TIMEOUT_SECONDS + " seconds");
                yield ControlProtocol.result(handler.initiate(child.orElse(null), ike.orElse(null), timeout.get(), log));
            }
            case ControlProtocol.TERMINATE -> {
                Optional<String> child = args.string("child");
                Optional<String> ike = args.string("ike");
                if (child.isPresent() == ike.isPresent()) yield ControlProtocol.error(ErrorCode.BAD_REQUEST, "terminate needs exactly one of \"ike\" or \"child\"");
                Optional<Duration> timeout = timeout(args);
                if (timeout.isEmpty()) yield ControlProtocol.error(ErrorCode.BAD_REQUEST, "\"timeout\" must be 1.." + MAX_TIMEOUT_SECONDS + " seconds");
                yield ControlProtocol.result(handler.terminate(ike.orElse(null), child.orElse(null), timeout.get(), log));
            }
            case ControlProtocol.REKEY -> {
                Optional<String> child = args.string("child");
                Optional<String> ike = args.string("ike");
                if (child.isPresent() == ike.isPresent()) yield ControlProtocol.error(ErrorCode.BAD_REQUEST, "rekey needs exactly one of \"ike\" or \"child\"");
                Optional<Duration> timeout = timeout(args);
                if (timeout.isEmpty()) yield ControlProtocol.error(ErrorCode.BAD_REQUEST, "\"timeout\" must be 1.." + MAX_TIMEOUT_SECONDS + " seconds");
                boolean reauth = args.string("reauth").map("true"::equals).orElse(false);
                yield ControlProtocol.result(handler.rekey(ike.orElse(null), child.orElse(null), reauth, timeout.get(), log));
            }
            case ControlProtocol.REDIRECT -> {
                Optional<String> ike = args.string("ike");
                Optional<String> peer = args.string("peer-ip");
                Optional<String> gateway = args.string("gateway");
                if (ike.isPresent() == peer.isPresent()) yield ControlProtocol.error(ErrorCode.BAD_REQUEST, "redirect needs exactly one of \"ike\" or \"peer-ip\"");
                if (gateway.isEmpty() || gateway.get().isBlank()) yield ControlProtocol.error(ErrorCode.BAD_REQUEST, "redirect needs \"gateway\"");
                Optional<Duration> timeout = timeout(args);
                if (timeout.isEmpty()) yield ControlProtocol.error(ErrorCode.BAD_REQUEST, "\"timeout\" must be 1.." + MAX_TIMEOUT_SECONDS + " seconds");
                yield ControlProtocol.result(handler.redirect(ike.orElse(null), peer.orElse(null), gateway.get(), timeout.get(), log));
            }
            case ControlProtocol.LIST_SAS -> {
                long now = clock.instant().getEpochSecond();
                int[] count = {0};
                handler.listSas((IkeSaInfo sa) -> {
                    count[0]++;
                    sendUnchecked(JsonObject.builder().put("type", "sa").put("sa", SaJson.ikeSa(sa, now, handler::childCounters)).build());
                });
                yield ControlProtocol.ok(count[0] + " IKE_SAs", null);
            }
            case ControlProtocol.LIST_CONNS -> {
                var conns = handler.listConns();
                for (ConnectionSummary c : conns) {
                    sendUnchecked(JsonObject.builder().put("type", "conn").put("conn", ControlJson.connection(c)).build());
                }
                yield ControlProtocol.ok(conns.size() + " connections", null);
            }
            case ControlProtocol.LIST_POOLS -> {
                var pools = handler.listPools();
                boolean leases = args.bool("leases").orElse(false);
                for (var p : pools) {
                    sendUnchecked(JsonObject.builder().put("type", "pool").put("pool", ControlJson.pool(p, leases)).build());
                }
                yield ControlProtocol.ok(pools.size() + " pools", null);
            }
            case ControlProtocol.LOAD_ALL -> ControlProtocol.result(handler.loadAll());
            case ControlProtocol.STATS -> ControlProtocol.ok("stats", ControlJson.stats(handler.stats()));
            case ControlProtocol.VERSION -> ControlProtocol.ok(handler.version(),
                    JsonObject.builder().put("daemon", "ike4j").put("version", handler.version()).build());
            default -> ControlProtocol.error(ErrorCode.UNKNOWN_COMMAND, "unknown command \"" + command.get() + "\"");
        };
    }

    /** "timeout" as a number or numeric string of seconds; absent means the default. */
    private static Optional<Duration> timeout(JsonObject args) {
        if (args.get("timeout").isEmpty()) return Optional.of(DEFAULT_TIMEOUT);
        OptionalLong n = args.number("timeout");
        if (n.isEmpty()) {
            try {
                n = args.string("timeout").map(s -> OptionalLong.of(Long.parseLong(s.trim()))).orElse(OptionalLong.empty());
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        if (n.isEmpty() || n.getAsLong() < 1 || n.getAsLong() > MAX_TIMEOUT_SECONDS) return Optional.empty();
        return Optional.of(Duration.ofSeconds(n.getAsLong()));
    }

    private void send(JsonObject message) throws IOException {
        lines.writeLine(JsonWriter.write(message));
    }

    private void sendUnchecked(JsonObject message) {
        try {
            send(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
