package io.ike4j.daemon.control.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ike4j.daemon.control.ControlProtocol;
import io.ike4j.daemon.control.ControlServer;
import io.ike4j.daemon.control.FakeHandler;
import io.ike4j.daemon.control.json.JsonException;
import io.ike4j.daemon.control.json.JsonReader;
import io.ike4j.daemon.control.json.JsonValue.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The control socket's request handling, end to end over a real Unix socket against a fake daemon: any request
 * line (invalid UTF-8, bad JSON, wrong types, unknown commands) gets well-formed JSON answers ending in one final
 * answer, never the "internal" error that a handler bug would produce, and the connection stays usable (a
 * sentinel request after it is answered).
 */
class ControlServerFuzz {
    private static final int MAX_REQUEST = 64 * 1024;
    private static Connection connection;
    private static long counter;

    @FuzzTest
    void request(byte[] line) throws Exception {
        byte[] request = line.length > MAX_REQUEST ? java.util.Arrays.copyOf(line, MAX_REQUEST) : line.clone();
        for (int i = 0; i < request.length; i++) if (request[i] == '\n') request[i] = ' ';
        Connection c = connection();
        c.send(request);
        // a sentinel request the fuzzer cannot predict marks the end of the answers to its line
        String sentinel = "sentinel-" + (++counter);
        c.send(("{\"command\":\"initiate\",\"args\":{\"child\":\"" + sentinel + "\"}}").getBytes(StandardCharsets.UTF_8));
        List<JsonObject> answers = new ArrayList<>();
        boolean sentinelSeen = false;
        while (true) {
            JsonObject a = c.next();
            answers.add(a);
            if (a.string("message").orElse("").equals("initiating CHILD_SA " + sentinel)) sentinelSeen = true;
            else if (sentinelSeen && ControlProtocol.isFinal(a)) break;
        }
        for (JsonObject a : answers) {
            assertThat(a.string("error")).as("answer to %s", a).isNotEqualTo(java.util.Optional.of("internal"));
        }
    }

    private static synchronized Connection connection() throws IOException {
        if (connection == null) connection = new Connection();
        return connection;
    }

    /** One server and one client connection for the whole run (the server serves requests in a loop). */
    private static final class Connection {
        private final SocketChannel channel;
        private final BlockingQueue<Object> lines = new LinkedBlockingQueue<>();

        Connection() throws IOException {
            Path dir = Files.createTempDirectory("ike4j-fuzz-ctl");
            Path socket = dir.resolve("ike4j.sock");
            ControlServer.start(socket, new FakeHandler(), l -> { },
                    InstantSource.fixed(Instant.ofEpochSecond(1_045)));
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            Thread.ofVirtual().start(this::readLoop);
        }

        void send(byte[] line) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(line.length + 1).put(line).put((byte) '\n').flip();
            while (b.hasRemaining()) channel.write(b);
        }

        JsonObject next() throws InterruptedException {
            Object o = lines.poll(10, TimeUnit.SECONDS);
            if (o == null) throw new AssertionError("no answer within 10 s");
            if (o instanceof Throwable t) throw new AssertionError("connection failed", t);
            try {
                return JsonReader.readObject((String) o);
            } catch (JsonException e) {
                throw new AssertionError("answer is not a JSON object: " + o, e);
            }
        }

        private void readLoop() {
            try (InputStream in = Channels.newInputStream(channel)) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                int b;
                while ((b = in.read()) >= 0) {
                    if (b == '\n') {
                        lines.add(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else {
                        line.write(b);
                    }
                }
                lines.add(new IOException("server closed the connection"));
            } catch (IOException | UncheckedIOException e) {
                lines.add(e);
            }
        }
    }
}
