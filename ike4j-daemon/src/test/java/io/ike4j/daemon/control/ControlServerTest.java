package io.ike4j.daemon.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ike4j.daemon.control.json.JsonReader;
import io.ike4j.daemon.control.json.JsonValue.JsonObject;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlServerTest {
    @TempDir
    Path dir;
    Path socket;
    FakeHandler handler = new FakeHandler();
    ControlServer server;

    @BeforeEach
    void start() throws IOException {
        socket = dir.resolve("run/ike4j.sock");
        server = ControlServer.start(socket, handler, l -> {}, InstantSource.fixed(java.time.Instant.ofEpochSecond(1_045)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void socketIsCreatedWithMode0660AndRemovedOnClose() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-rw----");
        server.close();
        assertThat(socket).doesNotExist();
    }

    @Test
    void initiateStreamsLogLinesThenAnswers() throws Exception {
        List<JsonObject> events = new ArrayList<>();
        try (ControlClient c = ControlClient.connect(socket)) {
            JsonObject r = c.call("initiate", JsonObject.builder().put("child", "net").put("timeout", 5).build(), events::add);
            assertThat(r.bool("ok")).hasValue(true);
            assertThat(r.string("message")).hasValue("CHILD_SA 'net' established successfully");
            assertThat(events).extracting(e -> e.string("message").orElseThrow())
                    .containsExactly("initiating CHILD_SA net", "CHILD_SA net{1} established");
            assertThat(handler.lastTimeout).isEqualTo(Duration.ofSeconds(5));
            // a second request on the same connection
            JsonObject fail = c.call("initiate", JsonObject.builder().put("child", "other").build(), e -> {});
            assertThat(fail.bool("ok")).hasValue(false);
            assertThat(fail.string("error")).hasValue("failed");
            assertThat(fail.string("message").orElseThrow()).contains("NO_PROPOSAL_CHOSEN");
            assertThat(handler.lastTimeout).isEqualTo(Duration.ofSeconds(30));
        }
    }

    @Test
    void listSasStreamsOneSaPerMessage() throws Exception {
        List<JsonObject> events = new ArrayList<>();
        try (ControlClient c = ControlClient.connect(socket)) {
            JsonObject r = c.call("list-sas", JsonObject.builder().build(), events::add);
            assertThat(r.bool("ok")).hasValue(true);
        }
        assertThat(events).hasSize(2).allSatisfy(e -> {
            assertThat(e.string("type")).hasValue("sa");
            assertThat(e.object("sa").orElseThrow().string("name")).hasValue("home");
            assertThat(e.object("sa").orElseThrow().string("established")).hasValue("145");
        });
    }

    @Test
    void otherCommandsAnswer() throws Exception {
        try (ControlClient c = ControlClient.connect(socket)) {
            List<JsonObject> conns = new ArrayList<>();
            assertThat(c.call("list-conns", JsonObject.builder().build(), conns::add).bool("ok")).hasValue(true);
            assertThat(conns).singleElement().satisfies(e -> assertThat(e.object("conn").orElseThrow().string("name")).hasValue("home"));
            assertThat(c.call("terminate", JsonObject.builder().put("ike", "home").build(), e -> {}).bool("ok")).hasValue(true);
            assertThat(c.call("terminate", JsonObject.builder().put("ike", "x").build(), e -> {}).string("error")).hasValue("not-found");
            assertThat(c.call("load-all", JsonObject.builder().build(), e -> {}).bool("ok")).hasValue(true);
            JsonObject stats = c.call("stats", JsonObject.builder().build(), e -> {}).object("data").orElseThrow();
            assertThat(stats.number("ike-sas")).hasValue(1);
            assertThat(stats.number("retransmits")).hasValue(2);
            assertThat(c.call("version", JsonObject.builder().build(), e -> {}).string("message")).hasValue("0.1.0");
        }
    }

    @Test
    void malformedRequestsGetTypedErrorsAndTheConnectionSurvives() throws Exception {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            assertThat(exchange(ch, "{not json")).contains("\"error\":\"bad-request\"");
            assertThat(exchange(ch, "[1,2]")).contains("\"error\":\"bad-request\"");
            assertThat(exchange(ch, "{\"command\":42}")).contains("\"error\":\"bad-request\"");
            assertThat(exchange(ch, "{\"command\":\"frobnicate\"}")).contains("\"error\":\"unknown-command\"");
            assertThat(exchange(ch, "{\"command\":\"initiate\",\"args\":{}}")).contains("\"error\":\"bad-request\"");
            assertThat(exchange(ch, "{\"command\":\"initiate\",\"args\":{\"child\":\"net\",\"timeout\":-1}}")).contains("\"error\":\"bad-request\"");
            assertThat(exchange(ch, "{\"command\":\"terminate\",\"args\":{\"ike\":\"a\",\"child\":\"b\"}}")).contains("\"error\":\"bad-request\"");
            assertThat(exchange(ch, "\u00ff\u00fe")).contains("bad-request");
            assertThat(exchange(ch, "x".repeat(LineChannel.DEFAULT_MAX_LINE + 10))).contains("\"error\":\"too-large\"");
            assertThat(exchange(ch, "{\"command\":\"version\"}")).contains("\"ok\":true");
        }
    }

    @Test
    void invalidUtf8IsABadRequest() throws Exception {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            ch.write(ByteBuffer.wrap(new byte[] {(byte) 0xc3, (byte) 0x28, '\n'}));
            assertThat(readLine(ch)).contains("bad-request").contains("UTF-8");
        }
    }

    @Test
    void servesManyClientsAtOnce() throws Exception {
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                Callable<Boolean> task = () -> {
                    try (ControlClient c = ControlClient.connect(socket)) {
                        return c.call("initiate", JsonObject.builder().put("child", "net").build(), e -> {}).bool("ok").orElse(false);
                    }
                };
                results.add(pool.submit(task));
            }
            for (Future<Boolean> f : results) assertThat(f.get()).isTrue();
        }
    }

    @Test
    void replacesAStaleSocketButRefusesALiveOne() throws Exception {
        assertThatThrownBy(() -> ControlServer.start(socket, handler, l -> {}, InstantSource.system()))
                .isInstanceOf(ControlServer.SocketInUseException.class).hasMessageContaining("already listening");
        Path stale = dir.resolve("stale.sock");
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(stale));
        dead.close(); // leaves the socket file behind, like a crashed daemon
        assertThat(stale).exists();
        try (ControlServer s = ControlServer.start(stale, handler, l -> {}, InstantSource.system());
             ControlClient c = ControlClient.connect(stale)) {
            assertThat(c.call("version", JsonObject.builder().build(), e -> {}).bool("ok")).hasValue(true);
        }
        Path regular = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> ControlServer.start(regular, handler, l -> {}, InstantSource.system()))
                .isInstanceOf(ControlServer.SocketInUseException.class).hasMessageContaining("not a socket");
    }

    @Test
    void clientReportsAMissingOrDeadDaemon() throws Exception {
        assertThatThrownBy(() -> ControlClient.connect(dir.resolve("nothing.sock")))
                .isInstanceOf(ControlClientException.class).hasMessageContaining("not running")
                .extracting(e -> ((ControlClientException) e).kind()).isEqualTo(ControlClientException.Kind.NOT_RUNNING);
        Path stale = dir.resolve("dead.sock");
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(stale));
        dead.close();
        assertThatThrownBy(() -> ControlClient.connect(stale))
                .extracting(e -> ((ControlClientException) e).kind()).isEqualTo(ControlClientException.Kind.NOT_RUNNING);
    }

    @Test
    void parsesSwanctlStyleUris() {
        assertThat(ControlUri.parse("unix:///run/x.sock")).hasValue(new ControlUri(Path.of("/run/x.sock")));
        assertThat(ControlUri.parse("tcp://1.2.3.4:1")).isEmpty();
        assertThat(ControlUri.parse("unix://")).isEmpty();
    }

    private static String exchange(SocketChannel ch, String line) throws IOException {
        ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) ch.write(b);
        String answer = readLine(ch);
        try {
            JsonReader.readObject(answer);
        } catch (Exception e) {
            throw new AssertionError("answer is not a JSON object: " + answer, e);
        }
        return answer;
    }

    private static String readLine(SocketChannel ch) throws IOException {
        StringBuilder sb = new StringBuilder();
        ByteBuffer one = ByteBuffer.allocate(1);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        while (true) {
            one.clear();
            if (ch.read(one) < 0) break;
            if (one.get(0) == '\n') break;
            bytes.write(one.get(0));
        }
        sb.append(bytes.toString(StandardCharsets.UTF_8));
        return sb.toString();
    }
}
