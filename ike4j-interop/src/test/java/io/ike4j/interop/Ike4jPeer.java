package io.ike4j.interop;

import io.ike4j.interop.NetnsLab.Side;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * ike4j's daemon in one lab namespace: {@code bin/ike4j daemon --conf FILE --uri unix:///PATH --log LEVELS}
 * (with {@code --keylog FILE} on request), its swanctl.conf rendered by the same {@link SwanctlConf} as strongSwan's,
 * its standard output kept as its log, and driven with the ike4j CLI ({@code initiate|terminate|load-all|list-sas
 * --json}, see {@link #cli}) from the root namespace (the control socket is a file). {@link #close()} sends SIGTERM, then SIGKILL.
 */
public final class Ike4jPeer implements IkePeer {

    /** The daemon's log levels: IKE and config in detail (charon's {@code ike = 2, cfg = 2}), the rest at audit. */
    public static final String LOG_LEVELS = "any=1,ike=2,cfg=2";
    private static final int LOG_KEEP = 256 * 1024;

    /**
     * EAP-TLS over TLS 1.3 with strongSwan 5.9.8 clients (see Ike4jEapInteropTest): the setting of ike4j's remote
     * round (ike4j as EAP-TLS server) that derives the MSK strongSwan's way. As a client ike4j needs nothing (the
     * daemon disables the JDK's certificate_authorities extension itself and follows the server's MSK convention).
     */
    public static final String EAP_TLS_WITH_STRONGSWAN_5 = "eap_tls_msk = strongswan5";

    /**
     * Tunables: how long {@code initiate} may take, whether to write a key log ({@code --keylog}), the data plane
     * ({@code --dataplane auto|userspace|xfrm|none}; empty: the daemon's default, auto), the log levels, and more
     * daemon arguments.
     */
    public record Options(Duration initiateTimeout, boolean keylog, Optional<String> dataplane, String logLevels,
                          List<String> daemonArgs) {
        public Options {
            dataplane.ifPresent(d -> {
                if (!List.of("auto", "userspace", "xfrm", "none").contains(d)) {
                    throw new IllegalArgumentException("--dataplane must be auto, userspace, xfrm or none, not " + d);
                }
            });
            daemonArgs = List.copyOf(daemonArgs);
        }

        public Options(Duration initiateTimeout, boolean keylog) {
            this(initiateTimeout, keylog, Optional.empty(), LOG_LEVELS, List.of());
        }

        public static Options defaults() {
            return new Options(Duration.ofSeconds(30), false);
        }

        /** For a lossy link: more time for retransmissions. */
        public static Options lossy() {
            return new Options(Duration.ofSeconds(60), false);
        }

        public Options withKeylog() {
            return new Options(initiateTimeout, true, dataplane, logLevels, daemonArgs);
        }

        /** Starts the daemon with {@code --dataplane KIND}. */
        public Options withDataplane(String kind) {
            return new Options(initiateTimeout, keylog, Optional.of(kind), logLevels, daemonArgs);
        }

        /** Starts the daemon with {@code --log LEVELS} (e.g. {@code any=4}, the most it logs). */
        public Options withLogLevels(String levels) {
            return new Options(initiateTimeout, keylog, dataplane, levels, daemonArgs);
        }

        /** More {@code ike4j daemon} arguments (e.g. {@code --retransmit timeout=1s,tries=2}). */
        public Options withDaemonArgs(String... args) {
            return new Options(initiateTimeout, keylog, dataplane, logLevels, List.of(args));
        }
    }

    private final NetnsLab lab;
    private final Side side;
    private final String namespace;
    private final String label;
    private final Options options;
    private final Path dir;
    private final Path socket;
    private final Path confFile;
    private final Path logFile;
    private final Path keylogFile;
    private final Path earlierLog;
    private SwanctlConf conf;
    private Process daemon;
    private String logSnapshot = "";
    private boolean closed;

    public Ike4jPeer(NetnsLab lab, Side side, SwanctlConf conf, Options options) {
        this(lab, side, lab.namespace(side), side.name(), conf, options);
    }

    /**
     * A daemon in namespace {@code namespace} (e.g. {@link NetnsLab#thirdNamespace()}) playing {@code side}'s part,
     * named {@code ike4j-<label>}, with its own directory {@code ike4j-<label>}.
     */
    public Ike4jPeer(NetnsLab lab, Side side, String namespace, String label, SwanctlConf conf, Options options) {
        this.lab = lab;
        this.side = side;
        this.namespace = namespace;
        this.label = label;
        this.conf = conf;
        this.options = options;
        this.dir = lab.dir("ike4j-" + label.toLowerCase(Locale.ROOT));
        this.socket = dir.resolve("ike4j.sock");
        this.confFile = dir.resolve("swanctl.conf");
        this.logFile = dir.resolve("daemon.log");
        this.keylogFile = dir.resolve("ikev2_decryption_table");
        this.earlierLog = dir.resolve("daemon-earlier.log");
    }

    public Ike4jPeer(NetnsLab lab, Side side, SwanctlConf conf) {
        this(lab, side, conf, Options.defaults());
    }

    @Override
    public String name() {
        return "ike4j-" + label;
    }

    public Side side() {
        return side;
    }

    /** The control socket URI, for {@code bin/ike4j ... --uri}. */
    public String uri() {
        return "unix://" + socket;
    }

    /** The key log the daemon writes with {@code --keylog} (Wireshark's {@code ikev2_decryption_table} lines). */
    public Path keylogFile() {
        return keylogFile;
    }

    public Path logFile() {
        return logFile;
    }

    /** The directory of this daemon's swanctl.conf, where its credential directories (x509/, private/...) go. */
    public Path dir() {
        return dir;
    }

    @Override
    public void start() {
        RepoRoot.ensureFreshJar();
        writeConf();
        keepEarlierLog();
        List<String> cmd = new ArrayList<>(List.of(RepoRoot.cli().toString(), "daemon",
                "--conf", confFile.toString(), "--uri", uri(), "--log", options.logLevels()));
        if (options.keylog()) {
            cmd.add("--keylog");
            cmd.add(keylogFile.toString());
        }
        options.dataplane().ifPresent(d -> {
            cmd.add("--dataplane");
            cmd.add(d);
        });
        cmd.addAll(options.daemonArgs());
        // bin/ike4j takes $JAVA_HOME first when it is a JDK 25: this JVM's (the tests run on one)
        daemon = lab.spawn(namespace, Map.of("JAVA_HOME", System.getProperty("java.home")), logFile,
                cmd.toArray(String[]::new));
        awaitSocket(Duration.ofSeconds(30));
    }

    /** A restarted daemon writes a fresh log: the earlier run's is kept before it ({@link #log()} returns both). */
    private void keepEarlierLog() {
        try {
            if (Files.exists(logFile) && Files.size(logFile) > 0) {
                Files.write(earlierLog, Files.readAllBytes(logFile),
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Kills the daemon with SIGKILL (no DELETE sent; its TUN device and routes go with the process) and waits until
     * it is gone; {@link #start()} starts it again with the current configuration.
     */
    public void kill() {
        if (daemon != null && daemon.isAlive()) {
            Commands.run("kill", "-KILL", "--", "-" + daemon.pid());
            try {
                daemon.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted", e);
            }
        }
    }

    private void writeConf() {
        try {
            Files.writeString(confFile, conf.render());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the control socket accepts a connection (the daemon has loaded its config and listens). */
    private void awaitSocket(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!daemon.isAlive()) {
                throw new LabException(name() + ": daemon exited with " + daemon.exitValue() + "\n" + log());
            }
            if (Files.exists(socket) && connects()) {
                return;
            }
            IkePeer.sleep(50);
        }
        throw new LabException(name() + ": control socket " + socket + " did not answer within " + timeout + "\n" + log());
    }

    private boolean connects() {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Runs the ike4j CLI {@code ARGS --uri <this daemon's socket>} from the root namespace. This is the command
     * {@code bin/ike4j} execs ({@code java --enable-native-access=ALL-UNNAMED -jar ike4j.jar ARGS}), run with this
     * JVM's JDK 25 directly: the script's JDK lookup would add about a second to every one of the many calls.
     * The daemon itself is started through {@code bin/ike4j}.
     */
    public ExecResult cli(Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-jar", RepoRoot.daemonJar().toString()));
        cmd.addAll(List.of(args));
        cmd.add("--uri");
        cmd.add(uri());
        return Commands.run(timeout, cmd);
    }

    @Override
    public ExecResult tryInitiate(String child) {
        return cli(options.initiateTimeout().plusSeconds(10), "initiate", "--child", child,
                "--timeout", Long.toString(options.initiateTimeout().toSeconds()));
    }

    @Override
    public void reload(SwanctlConf newConf) {
        this.conf = newConf;
        writeConf();
        cli(Commands.DEFAULT_TIMEOUT, "load-all").orThrow();
    }

    @Override
    public void terminate(String ike) {
        cli(Commands.DEFAULT_TIMEOUT, "terminate", "--ike", ike, "--timeout", "10").orThrow();
    }

    @Override
    public List<SaView> listSas() {
        return parseListSas(cli(Commands.DEFAULT_TIMEOUT, "list-sas", "--json").orThrow().stdout());
    }

    /**
     * The IKE SAs in {@code list-sas --json} output: a JSON array of objects with VICI {@code list-sa} key names,
     * {@code child-sas} an array of CHILD_SA objects. Mapped onto {@link SaView#fromVici} (CHILD_SAs keyed
     * {@code <name>-<uniqueid>} as in VICI).
     */
    static List<SaView> parseListSas(String json) {
        String text = json.strip();
        if (text.isEmpty()) {
            return List.of();
        }
        if (!(MiniJson.parse(text) instanceof List<?> array)) {
            throw new LabException("list-sas --json did not print a JSON array: " + text);
        }
        List<SaView> sas = new ArrayList<>();
        for (Object item : array) {
            if (!(item instanceof Map<?, ?> sa)) {
                throw new LabException("list-sas --json: not an object: " + item);
            }
            Map<String, Object> vici = viciSection(sa);
            String name = ViciTree.string(vici, "name");
            sas.add(SaView.fromVici(name, vici));
        }
        return List.copyOf(sas);
    }

    private static Map<String, Object> viciSection(Map<?, ?> json) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        json.forEach((k, v) -> out.put(String.valueOf(k), switch (v) {
            case null -> null;
            case Boolean b -> b ? "yes" : "no";
            case List<?> l when "child-sas".equals(k) -> children(l);
            case List<?> l -> l.stream().map(String::valueOf).toList();
            case Map<?, ?> m -> viciSection(m);
            default -> String.valueOf(v);
        }));
        return out;
    }

    private static Map<String, Object> children(List<?> list) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        int n = 0;
        for (Object c : list) {
            if (c instanceof Map<?, ?> m) {
                Map<String, Object> child = viciSection(m);
                String key = ViciTree.string(child, "name") + "-" + Optional.ofNullable(ViciTree.string(child, "uniqueid")).orElse("#" + n);
                out.put(key, child);
            }
            n++;
        }
        return out;
    }

    @Override
    public boolean alive() {
        return daemon != null && daemon.isAlive();
    }

    @Override
    public synchronized String log() {
        if (closed || !Files.exists(logFile)) {
            return logSnapshot;
        }
        return readLog();
    }

    private String readLog() {
        try {
            byte[] all = Files.readAllBytes(logFile);
            if (Files.exists(earlierLog)) {
                byte[] before = Files.readAllBytes(earlierLog);
                byte[] both = java.util.Arrays.copyOf(before, before.length + all.length);
                System.arraycopy(all, 0, both, before.length, all.length);
                all = both;
            }
            int from = Math.max(0, all.length - LOG_KEEP);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        if (daemon != null) {
            NetnsLab.stop(daemon, Duration.ofSeconds(5));
        }
        logSnapshot = Files.exists(logFile) ? readLog() : "";
        closed = true;
    }
}
