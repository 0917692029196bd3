package io.ike4j.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A throwaway network of namespaces for interop tests. Four topologies:
 * <ul>
 *   <li>{@link #direct()}: LEFT {@code 192.0.2.1/24} and RIGHT {@code 192.0.2.2/24} on one veth link;</li>
 *   <li>{@link #natRouter(int)}: LEFT {@code 10.0.0.2/24} — router ({@code 10.0.0.1} inside,
 *       {@code 198.51.100.1} outside, masquerade on the way out) — RIGHT {@code 198.51.100.2/24}; optionally the
 *       router drops a random share of forwarded packets;</li>
 *   <li>{@link #threeHosts()}: LEFT {@code 192.0.2.1}, RIGHT {@code 192.0.2.2} and a third host {@code 192.0.2.3}
 *       (inner {@code 10.2.0.2}, a second gateway for RIGHT's subnet) on one bridge in the {@code -x} namespace;</li>
 *   <li>{@link #routed()}: LEFT — router — RIGHT as in {@link #natRouter(int)}, forwarding without NAT (each side reaches the other's
 *       own address, so either may initiate), for faults in the middle ({@link #setFaults}).</li>
 * </ul>
 * Each host has an inner address on {@code lo} for tunnel-mode traffic: LEFT {@code 10.1.0.1/32} (selector
 * {@code 10.1.0.0/16}), RIGHT {@code 10.2.0.1/32} ({@code 10.2.0.0/16}).
 *
 * <p>{@link #close()} kills every process in the lab's namespaces, deletes them and the work directory; a JVM
 * shutdown hook does the same for labs a crashed test left open, and the next run removes what a killed JVM left.
 */
public final class NetnsLab implements AutoCloseable {

    /** One end of the lab. */
    public enum Side {
        LEFT, RIGHT;

        public Side other() {
            return this == LEFT ? RIGHT : LEFT;
        }
    }

    /** The router's public address (what RIGHT sees as LEFT's address behind the NAT). */
    public static final String ROUTER_PUBLIC = "198.51.100.1";
    /** The third host's address ({@link #threeHosts()}). */
    public static final String THIRD_ADDRESS = "192.0.2.3";
    /** The third host's inner address: inside RIGHT's selector {@code 10.2.0.0/16}, on no other host. */
    public static final String THIRD_INNER = "10.2.0.2";
    private static final Set<NetnsLab> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(OPEN).forEach(NetnsLab::close), "netns-lab-cleanup"));
    }

    private final String name;
    private final boolean nat;
    private final boolean router;
    private final Path workDir;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private boolean closed;

    private final boolean three;

    private NetnsLab(boolean nat) {
        this(nat, nat, false);
    }

    private NetnsLab(boolean router, boolean nat, boolean three) {
        this.three = three;
        this.name = LabNames.next();
        this.nat = nat;
        this.router = router;
        this.workDir = LabNames.workRoot().resolve(name.substring(LabNames.PREFIX.length()));
        OPEN.add(this);
        try {
            Files.createDirectories(workDir);
            if (router) {
                buildRouter();
            } else if (three) {
                buildThree();
            } else {
                buildDirect();
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** Topology (a): two hosts on one veth link. */
    public static NetnsLab direct() {
        return new NetnsLab(false);
    }

    /** Topology (b): LEFT behind a masquerading router, RIGHT outside; no packet loss. */
    public static NetnsLab natRouter() {
        return natRouter(0);
    }

    /** Topology (b) with the router dropping {@code dropPercent}% of forwarded packets at random. */
    public static NetnsLab natRouter(int dropPercent) {
        NetnsLab lab = new NetnsLab(true);
        if (dropPercent > 0) {
            lab.setDropPercent(dropPercent);
        }
        return lab;
    }

    /** Topology (d): LEFT {@code 10.0.0.2} — router — RIGHT {@code 198.51.100.2}, routed without NAT. */
    public static NetnsLab routed() {
        return new NetnsLab(true, false, false);
    }

    private void buildDirect() {
        String l = addNamespace("l");
        String r = addNamespace("r");
        ip("link", "add", "name", "eth0", "netns", l, "type", "veth", "peer", "name", "eth0", "netns", r);
        ip("-n", l, "addr", "add", "192.0.2.1/24", "dev", "eth0");
        ip("-n", r, "addr", "add", "192.0.2.2/24", "dev", "eth0");
        up(l, "eth0");
        up(r, "eth0");
        addInner(l, Side.LEFT);
        addInner(r, Side.RIGHT);
    }

    /** Topology (c): three hosts on one bridge (RFC 5685 redirect: a client and two gateways). */
    public static NetnsLab threeHosts() {
        return new NetnsLab(false, false, true);
    }

    private void buildThree() {
        String l = addNamespace("l");
        String r = addNamespace("r");
        String b = addNamespace("b");
        String x = addNamespace("x");
        ip("-n", x, "link", "add", "br0", "type", "bridge");
        up(x, "br0");
        String[][] hosts = {{l, "pl", "192.0.2.1"}, {r, "pr", "192.0.2.2"}, {b, "pb", THIRD_ADDRESS}};
        for (String[] h : hosts) {
            ip("link", "add", "name", "eth0", "netns", h[0], "type", "veth", "peer", "name", h[1], "netns", x);
            ip("-n", x, "link", "set", h[1], "master", "br0");
            up(x, h[1]);
            ip("-n", h[0], "addr", "add", h[2] + "/24", "dev", "eth0");
            up(h[0], "eth0");
        }
        addInner(l, Side.LEFT);
        addInner(r, Side.RIGHT);
        ip("-n", b, "addr", "add", THIRD_INNER + "/32", "dev", "lo");
    }

    /** The third host's namespace ({@link #threeHosts()} only). */
    public String thirdNamespace() {
        if (!three) {
            throw new IllegalStateException("not a three-host lab");
        }
        return name + "-b";
    }

    private void buildRouter() {
        String l = addNamespace("l");
        String r = addNamespace("r");
        String x = addNamespace("x");
        ip("link", "add", "name", "eth0", "netns", l, "type", "veth", "peer", "name", "inside", "netns", x);
        ip("link", "add", "name", "eth0", "netns", r, "type", "veth", "peer", "name", "outside", "netns", x);
        ip("-n", l, "addr", "add", "10.0.0.2/24", "dev", "eth0");
        ip("-n", x, "addr", "add", "10.0.0.1/24", "dev", "inside");
        ip("-n", x, "addr", "add", ROUTER_PUBLIC + "/24", "dev", "outside");
        ip("-n", r, "addr", "add", "198.51.100.2/24", "dev", "eth0");
        up(l, "eth0");
        up(r, "eth0");
        up(x, "inside");
        up(x, "outside");
        ip("-n", l, "route", "add", "default", "via", "10.0.0.1");
        exec(x, Commands.DEFAULT_TIMEOUT, "sysctl", "-qw", "net.ipv4.ip_forward=1").orThrow();
        if (nat) {
            nft(x, """
                    table ip ike4j_nat {
                      chain post {
                        type nat hook postrouting priority 100;
                        oifname "outside" masquerade
                      }
                    }
                    """);
        } else {
            ip("-n", r, "route", "add", "10.0.0.0/24", "via", ROUTER_PUBLIC);
        }
        addInner(l, Side.LEFT);
        addInner(r, Side.RIGHT);
    }

    private String addNamespace(String role) {
        String ns = name + "-" + role;
        Commands.run("ip", "netns", "add", ns).orThrow();
        namespaces.add(ns);
        ip("-n", ns, "link", "set", "lo", "up");
        return ns;
    }

    private void addInner(String ns, Side side) {
        ip("-n", ns, "addr", "add", innerAddress(side) + "/32", "dev", "lo");
    }

    private void up(String ns, String dev) {
        ip("-n", ns, "link", "set", dev, "up");
    }

    private static void ip(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "ip";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Commands.run(cmd).orThrow();
    }

    private void nft(String ns, String ruleset) {
        Path file = workDir.resolve("nft-" + System.nanoTime() + ".conf");
        try {
            Files.writeString(file, ruleset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        exec(ns, Commands.DEFAULT_TIMEOUT, "nft", "-f", file.toString()).orThrow();
    }

    /**
     * Makes the router drop {@code percent}% of forwarded packets (both directions) at random, using nftables'
     * {@code numgen random mod 100 < N drop}; 0 removes the rule. Only for the router topologies.
     */
    public void setDropPercent(int percent) {
        setFaults(percent, 0);
    }

    /**
     * Makes the router drop {@code dropPercent}% of forwarded packets at random (both directions) and send another
     * copy of {@code duplicatePercent}% of the rest ({@code numgen random mod 100 < N dup to <destination>}, nftables'
     * {@code nf_dup_ipv4}: the copy goes to the same host a moment before the original); 0 and 0 remove the rules.
     * Only for the router topologies.
     */
    public void setFaults(int dropPercent, int duplicatePercent) {
        if (!router) {
            throw new IllegalStateException("packet faults need a router topology");
        }
        if (dropPercent < 0 || dropPercent > 100 || duplicatePercent < 0 || duplicatePercent > 100) {
            throw new IllegalArgumentException("drop " + dropPercent + "%, duplicate " + duplicatePercent + "%");
        }
        String x = routerNamespace().orElseThrow();
        exec(x, Commands.DEFAULT_TIMEOUT, "nft", "delete", "table", "ip", "ike4j_drop");
        if (dropPercent > 0 || duplicatePercent > 0) {
            // LEFT's outer address: what crosses the router towards LEFT (behind the NAT: after un-NATting)
            nft(x, """
                    table ip ike4j_drop {
                      chain lossy {
                        type filter hook forward priority 0;
                        numgen random mod 100 < %1$d counter drop
                        ip daddr %3$s numgen random mod 100 < %2$d counter dup to %3$s device "outside"
                        ip daddr %4$s numgen random mod 100 < %2$d counter dup to %4$s device "inside"
                      }
                    }
                    """.formatted(dropPercent, duplicatePercent, outerAddress(Side.RIGHT), outerAddress(Side.LEFT)));
        }
    }

    /** How many packets the router's random-drop rule has dropped so far (0 without the rule). */
    public long droppedPackets() {
        return faultCounters()[0];
    }

    /** How many packets the router's duplication rules have copied so far (0 without them). */
    public long duplicatedPackets() {
        long[] c = faultCounters();
        return c[1] + c[2];
    }

    private long[] faultCounters() {
        String x = routerNamespace().orElseThrow(() -> new IllegalStateException("no router"));
        ExecResult r = exec(x, Commands.DEFAULT_TIMEOUT, "nft", "list", "table", "ip", "ike4j_drop");
        long[] out = new long[3];
        if (!r.ok()) {
            return out;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("counter packets (\\d+)").matcher(r.stdout());
        for (int i = 0; i < out.length && m.find(); i++) {
            out[i] = Long.parseLong(m.group(1));
        }
        return out;
    }

    /** The lab's unique name ({@code i4j-<pid>-<n>}), the prefix of its namespaces. */
    public String name() {
        return name;
    }

    /** Whether this is the NAT topology. */
    public boolean natted() {
        return nat;
    }

    public String namespace(Side side) {
        return name + (side == Side.LEFT ? "-l" : "-r");
    }

    public Optional<String> routerNamespace() {
        return router ? Optional.of(name + "-x") : Optional.empty();
    }

    /** The host's outer interface (inside its own namespace). */
    public String outerInterface(Side side) {
        return "eth0";
    }

    /** The address on the host's own outer interface. */
    public String outerAddress(Side side) {
        if (router) {
            return side == Side.LEFT ? "10.0.0.2" : "198.51.100.2";
        }
        return side == Side.LEFT ? "192.0.2.1" : "192.0.2.2";
    }

    /** The address the other side sees {@code side} at: behind the NAT, LEFT appears as the router's public address. */
    public String apparentAddress(Side side) {
        return nat && side == Side.LEFT ? ROUTER_PUBLIC : outerAddress(side);
    }

    /** The host's inner (tunnelled) address on {@code lo}. */
    public String innerAddress(Side side) {
        return side == Side.LEFT ? "10.1.0.1" : "10.2.0.1";
    }

    /** The traffic selector covering the host's inner address. */
    public String innerSubnet(Side side) {
        return side == Side.LEFT ? "10.1.0.0/16" : "10.2.0.0/16";
    }

    /** The lab's work directory (removed on close). */
    public Path workDir() {
        return workDir;
    }

    /** A subdirectory of the work directory, created if needed. */
    public Path dir(String sub) {
        try {
            return Files.createDirectories(workDir.resolve(sub));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code cmd} in {@code side}'s namespace with {@link Commands#DEFAULT_TIMEOUT}. */
    public ExecResult exec(Side side, String... cmd) {
        return exec(namespace(side), Commands.DEFAULT_TIMEOUT, cmd);
    }

    /** Runs {@code cmd} in namespace {@code ns}, waiting up to {@code timeout}; output is captured. */
    public ExecResult exec(String ns, Duration timeout, String... cmd) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(cmd));
        return Commands.run(timeout, full);
    }

    /**
     * Starts a long-running {@code cmd} in namespace {@code ns} as a session and process-group leader
     * ({@code setsid}), stdout and stderr to {@code output}. The lab kills it on close at the latest.
     */
    public synchronized Process spawn(String ns, Map<String, String> env, Path output, String... cmd) {
        List<String> full = new ArrayList<>(List.of("setsid", "ip", "netns", "exec", ns));
        full.addAll(List.of(cmd));
        ProcessBuilder pb = new ProcessBuilder(full)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            processes.add(p);
            return p;
        } catch (IOException e) {
            throw new LabException("cannot start " + full, e);
        }
    }

    /** Stops a spawned process: SIGTERM to its process group, then SIGKILL after {@code grace}. */
    public static void stop(Process p, Duration grace) {
        if (!p.isAlive()) {
            return;
        }
        Commands.run("kill", "-TERM", "--", "-" + p.pid());
        try {
            if (!p.waitFor(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                Commands.run("kill", "-KILL", "--", "-" + p.pid());
                p.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills all processes of the lab, deletes its namespaces and work directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Process p : processes) {
            stop(p, Duration.ofSeconds(3));
        }
        for (String ns : namespaces) {
            LabNames.killAllIn(ns);
            Commands.run("ip", "netns", "del", ns);
        }
        LabNames.deleteTree(workDir);
        OPEN.remove(this);
    }
}
