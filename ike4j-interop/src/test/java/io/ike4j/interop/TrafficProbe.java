package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.interop.NetnsLab.Side;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Traffic through a lab's tunnel, from LEFT's inner address {@code 10.1.0.1} to RIGHT's {@code 10.2.0.1}: ping, a
 * TCP bulk transfer with SHA-256 on both ends ({@link TcpTransfer}, one JVM per end inside the namespaces), a
 * tcpdump capture on the router's outside link, and both peers' CHILD_SA counters compared.
 */
final class TrafficProbe {
    private static final AtomicInteger PORTS = new AtomicInteger(5201);

    private TrafficProbe() {
    }

    /** Whether tcpdump exists (the capture needs it). */
    static void requireTcpdump() {
        if (Requirements.findOnPath("tcpdump") == null) {
            Requirements.failOrSkip("tcpdump (Debian package tcpdump) for the router capture");
        }
    }

    /** {@code count} pings from LEFT's inner address to RIGHT's: all must be answered. */
    static void ping(NetnsLab lab, int count) {
        ExecResult r = lab.exec(lab.namespace(Side.LEFT), Duration.ofSeconds(30), "ping", "-c", Integer.toString(count),
                "-i", "0.2", "-W", "3", "-I", lab.innerAddress(Side.LEFT), lab.innerAddress(Side.RIGHT));
        assertThat(r.ok()).as("ping through the tunnel\n" + r.describe()).isTrue();
        assertThat(r.stdout()).as(r.stdout()).contains(count + " received");
    }

    /** What each end of a transfer saw: bytes and SHA-256. */
    record Transfer(String sent, String received) {
    }

    /** Sends {@code bytes} over TCP from LEFT to RIGHT through the tunnel; returns both ends' "bytes sha256". */
    static Transfer transfer(NetnsLab lab, long bytes, long seed, Duration timeout) {
        int port = PORTS.getAndIncrement();
        Path out = lab.dir("transfer").resolve("server-" + port + ".out");
        Process server = lab.spawn(lab.namespace(Side.RIGHT), Map.of(), out, java("server", lab.innerAddress(Side.RIGHT),
                Integer.toString(port)));
        try {
            awaitLine(out, "listening", Duration.ofSeconds(20), server);
            ExecResult client = lab.exec(lab.namespace(Side.LEFT), timeout, java("client", lab.innerAddress(Side.LEFT),
                    lab.innerAddress(Side.RIGHT), Integer.toString(port), Long.toString(bytes), Long.toString(seed)));
            assertThat(client.ok()).as("transfer client\n" + client.describe()).isTrue();
            if (!server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new LabException("transfer server did not finish");
            }
            List<String> lines = Files.readAllLines(out);
            return new Transfer(client.stdout().strip(), lines.getLast().strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted", e);
        } finally {
            NetnsLab.stop(server, Duration.ofSeconds(2));
        }
    }

    private static String[] java(String... args) {
        String classes;
        try {
            classes = Path.of(TcpTransfer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xshare:auto", "-cp", classes, TcpTransfer.class.getName()));
        cmd.addAll(List.of(args));
        return cmd.toArray(String[]::new);
    }

    private static void awaitLine(Path file, String line, Duration timeout, Process p) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readString(file).contains(line)) return;
            if (!p.isAlive()) throw new LabException("process exited: " + Files.readString(file));
            IkePeer.sleep(50);
        }
        throw new LabException(file + ": no '" + line + "' within " + timeout);
    }

    /** A running tcpdump on the router's outside link (where the peers' traffic crosses, NAT'd). */
    static final class Capture implements AutoCloseable {
        private final Process tcpdump;
        private final Path pcap;
        private final Path log;
        private final NetnsLab lab;
        private final String ns;
        private boolean stopped;

        private Capture(NetnsLab lab, String ns, Process tcpdump, Path pcap, Path log) {
            this.lab = lab;
            this.ns = ns;
            this.tcpdump = tcpdump;
            this.pcap = pcap;
            this.log = log;
        }

        /** Captures on the NAT router's outside link. */
        static Capture start(NetnsLab lab, String name) {
            return start(lab, name, lab.routerNamespace().orElseThrow(), "outside");
        }

        /** Captures on {@code iface} in namespace {@code ns} (e.g. a side's outer interface in a direct lab). */
        static Capture start(NetnsLab lab, String name, String ns, String iface) {
            Path dir = lab.dir("capture");
            Path pcap = dir.resolve(name + ".pcap");
            Path log = dir.resolve(name + ".log");
            // headers only (-s 96): the test looks at addresses, ports and the ESP-in-UDP decoding
            Process p = lab.spawn(ns, Map.of(), log, "tcpdump", "-i", iface, "-n", "-s", "96", "-B", "16384", "-U",
                    "-w", pcap.toString(), "ip");
            try {
                awaitLine(log, "listening on", Duration.ofSeconds(10), p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Capture(lab, ns, p, pcap, log);
        }

        /** Stops the capture; returns tcpdump's one-line decoding of every captured packet. */
        List<String> stop() {
            if (!stopped) {
                stopped = true;
                NetnsLab.stop(tcpdump, Duration.ofSeconds(5));
            }
            ExecResult r = lab.exec(ns, Duration.ofSeconds(60), "tcpdump", "-n", "-r",
                    pcap.toString());
            if (!r.ok()) throw new LabException("tcpdump -r: " + r.describe());
            return r.stdout().lines().filter(l -> !l.isBlank()).toList();
        }

        @Override
        public void close() {
            if (!stopped) {
                stopped = true;
                NetnsLab.stop(tcpdump, Duration.ofSeconds(5));
            }
        }

        Path log() {
            return log;
        }
    }

    /**
     * Every captured packet between the peers is IKE or ESP-in-UDP (RFC 3948), none carries an inner address in the
     * clear; returns how many ESP-in-UDP packets there were.
     */
    static long assertOnlyEncrypted(List<String> lines) {
        long esp = 0;
        for (String l : lines) {
            assertThat(l).as("no inner address in the clear").doesNotContain("10.1.0.").doesNotContain("10.2.0.");
            boolean isEsp = l.contains("UDP-encap: ESP");
            assertThat(isEsp || l.contains("isakmp")).as("only ESP-in-UDP and IKE cross the router: " + l).isTrue();
            if (isEsp) esp++;
        }
        return esp;
    }

    /** One side's CHILD_SA counters: bytes and packets in and out. */
    record Counters(long bytesIn, long packetsIn, long bytesOut, long packetsOut) {
        static Counters of(ChildSaView c) {
            return new Counters(c.bytesIn(), c.packetsIn(), c.bytesOut(), c.packetsOut());
        }

        Counters minus(Counters o) {
            return new Counters(bytesIn - o.bytesIn, packetsIn - o.packetsIn, bytesOut - o.bytesOut, packetsOut - o.packetsOut);
        }

        /** Whether {@code other} is the other end's view of the same traffic: its out is our in, and vice versa. */
        boolean mirrors(Counters other) {
            return bytesIn == other.bytesOut && packetsIn == other.packetsOut && bytesOut == other.bytesIn
                    && packetsOut == other.packetsIn;
        }
    }

    /** Both peers' counters of the CHILD_SA once they stop changing (no traffic in flight). */
    static Counters[] settledCounters(IkePeer left, IkePeer right, String ike, String child, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Counters[] last = null;
        while (true) {
            Counters[] now = {Counters.of(counters(left, ike, child)), Counters.of(counters(right, ike, child))};
            if (last != null && last[0].equals(now[0]) && last[1].equals(now[1])) return now;
            if (System.nanoTime() > deadline) throw new AssertionError("counters still changing: " + List.of(now));
            last = now;
            IkePeer.sleep(700);
        }
    }

    private static ChildSaView counters(IkePeer peer, String ike, String child) {
        return peer.ikeSa(ike).flatMap(sa -> sa.installedChild(child))
                .orElseThrow(() -> new AssertionError(peer.name() + " lists no INSTALLED " + ike + "/" + child));
    }
}
