package io.ike4j.daemon.control;

import io.ike4j.daemon.control.json.JsonException;
import io.ike4j.daemon.control.json.JsonReader;
import io.ike4j.daemon.control.json.JsonValue.JsonObject;
import io.ike4j.daemon.control.json.JsonWriter;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/** A control-socket client: connects, sends requests and delivers streamed events before returning the final answer. */
public final class ControlClient implements AutoCloseable {
    private final LineChannel lines;

    private ControlClient(LineChannel lines) {
        this.lines = lines;
    }

    /** Connects, turning the usual failures into a typed, human-readable {@link ControlClientException}. */
    public static ControlClient connect(Path socket) throws ControlClientException {
        if (!Files.exists(socket)) {
            throw new ControlClientException(ControlClientException.Kind.NOT_RUNNING,
                    "ike4j daemon is not running (no control socket at " + socket + ")");
        }
        try {
            SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            return new ControlClient(new LineChannel(ch, LineChannel.DEFAULT_MAX_LINE));
        } catch (AccessDeniedException e) {
            throw permission(socket);
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (m.contains("permission denied") || m.contains("access denied")) throw permission(socket);
            if (m.contains("refused") || m.contains("no such file")) {
                throw new ControlClientException(ControlClientException.Kind.NOT_RUNNING,
                        "ike4j daemon is not running (connection to " + socket + " refused)");
            }
            throw new ControlClientException(ControlClientException.Kind.IO, "cannot connect to " + socket + ": " + e.getMessage());
        }
    }

    private static ControlClientException permission(Path socket) {
        return new ControlClientException(ControlClientException.Kind.PERMISSION_DENIED,
                "permission denied on control socket " + socket + " (run as root or a member of the socket's group)");
    }

    /** Sends one request; every event line before the final answer goes to {@code events}. Returns the final answer. */
    public JsonObject call(String command, JsonObject args, Consumer<JsonObject> events) throws ControlClientException {
        try {
            lines.writeLine(JsonWriter.write(ControlProtocol.request(command, args)));
            while (true) {
                Optional<String> line = lines.readLine();
                if (line.isEmpty()) {
                    throw new ControlClientException(ControlClientException.Kind.PROTOCOL, "daemon closed the connection before answering");
                }
                JsonObject msg = JsonReader.readObject(line.get());
                if (ControlProtocol.isFinal(msg)) return msg;
                events.accept(msg);
            }
        } catch (IOException e) {
            throw new ControlClientException(ControlClientException.Kind.IO, "control socket error: " + e.getMessage());
        } catch (LineChannel.LineException | JsonException e) {
            throw new ControlClientException(ControlClientException.Kind.PROTOCOL, "malformed answer from daemon: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            lines.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
