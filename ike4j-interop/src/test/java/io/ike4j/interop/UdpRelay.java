package io.ike4j.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * UDP sockets inside a lab namespace for a test running in the root namespace: a small Python process in the
 * namespace ({@code ip netns exec}) that binds sockets and relays datagrams over its stdin/stdout, one hex line each.
 * The test JVM cannot open a socket in another namespace itself; a JVM per namespace would be slow to start.
 */
final class UdpRelay implements AutoCloseable {

    /** {@code O id addr port} binds, answers {@code K id port}; {@code S id addr port hex} sends; received: {@code R id hex}. */
    private static final String SCRIPT = """
            import socket, sys, threading
            out = threading.Lock()
            socks = {}
            def say(line):
                with out:
                    sys.stdout.write(line + "\\n"); sys.stdout.flush()
            def pump(i, s):
                while True:
                    try:
                        d = s.recv(65535)
                    except OSError:
                        return
                    say("R %s %s" % (i, d.hex()))
            for line in sys.stdin:
                p = line.split()
                if not p:
                    continue
                try:
                    if p[0] == "O":
                        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                        s.bind((p[2], int(p[3])))
                        socks[p[1]] = s
                        threading.Thread(target=pump, args=(p[1], s), daemon=True).start()
                        say("K %s %d" % (p[1], s.getsockname()[1]))
                    elif p[0] == "S":
                        socks[p[1]].sendto(bytes.fromhex(p[4] if len(p) > 4 else ""), (p[2], int(p[3])))
                    elif p[0] == "C":
                        socks.pop(p[1]).close()
                except Exception as e:
                    say("E %s %s" % (p[1] if len(p) > 1 else "-", e))
            """;

    private final Process process;
    private final Writer in;
    private final Map<String, BlockingQueue<byte[]>> received = new ConcurrentHashMap<>();
    private final BlockingQueue<String> control = new LinkedBlockingQueue<>();
    private int next;

    UdpRelay(String namespace) {
        try {
            process = new ProcessBuilder(List.of("ip", "netns", "exec", namespace, "/usr/bin/python3", "-u", "-c", SCRIPT))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new LabException("cannot start the UDP relay in " + namespace, e);
        }
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
        Thread.ofVirtual().name("udp-relay").start(this::readLoop);
    }

    private void readLoop() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null; ) {
                String[] p = line.split(" ", 3);
                if (p[0].equals("R")) {
                    queue(p[1]).add(HexFormat.of().parseHex(p.length > 2 ? p[2] : ""));
                } else {
                    control.add(line);
                }
            }
        } catch (IOException e) {
            control.add("E - relay gone: " + e.getMessage());
        }
    }

    private BlockingQueue<byte[]> queue(String id) {
        return received.computeIfAbsent(id, k -> new LinkedBlockingQueue<>());
    }

    /** A UDP socket bound to {@code address:port} (0: any free port) in the relay's namespace. */
    synchronized Socket open(String address, int port) {
        String id = "s" + (++next);
        command("O " + id + " " + address + " " + port);
        try {
            String answer = control.poll(10, TimeUnit.SECONDS);
            if (answer == null || !answer.startsWith("K " + id + " ")) {
                throw new LabException("relay: cannot bind " + address + ":" + port + ": " + answer);
            }
            return new Socket(id, Integer.parseInt(answer.substring(answer.lastIndexOf(' ') + 1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted", e);
        }
    }

    private synchronized void command(String line) {
        try {
            in.write(line + "\n");
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("UDP relay is gone", e);
        }
    }

    /** One relayed socket. */
    final class Socket implements AutoCloseable {
        private final String id;
        private final int port;

        private Socket(String id, int port) {
            this.id = id;
            this.port = port;
        }

        int port() {
            return port;
        }

        void send(String address, int port, byte[] datagram) {
            command("S " + id + " " + address + " " + port + " " + HexFormat.of().formatHex(datagram));
        }

        /** The next datagram received within {@code wait}, if any. */
        Optional<byte[]> receive(Duration wait) {
            try {
                return Optional.ofNullable(queue(id).poll(wait.toMillis(), TimeUnit.MILLISECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }

        /** Forgets whatever was received and not yet read. */
        void drain() {
            queue(id).clear();
        }

        @Override
        public void close() {
            command("C " + id);
            received.remove(id);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // the process is going anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
