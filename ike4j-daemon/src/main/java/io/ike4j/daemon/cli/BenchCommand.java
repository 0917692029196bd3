package io.ike4j.daemon.cli;

import io.ike4j.core.crypto.RandomSource;
import io.ike4j.core.engine.Engine;
import io.ike4j.core.engine.EngineContext;
import io.ike4j.daemon.SwanctlToEngineConfig;
import io.ike4j.daemon.bench.BenchPlan;
import io.ike4j.daemon.bench.BenchResult;
import io.ike4j.daemon.bench.HandshakeBench;
import io.ike4j.daemon.config.ConfigResult;
import io.ike4j.daemon.config.ConnectionConfig;
import io.ike4j.daemon.config.CoreConfigValidator;
import io.ike4j.daemon.config.Diagnostic;
import io.ike4j.daemon.config.SwanctlConfig;
import io.ike4j.daemon.config.SwanctlConfigLoader;
import io.ike4j.platform.dataplane.InMemoryDataPlane;
import io.ike4j.platform.net.EspSink;
import io.ike4j.platform.net.TransportConfig;
import io.ike4j.platform.net.UdpTransport;
import io.ike4j.platform.runtime.EngineRuntime;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code ike4j bench}: sets up many IKE SAs (each with a CHILD_SA) of one swanctl.conf connection against any IKEv2
 * responder and reports established/s, latency percentiles, retransmissions and failures. The initiator's data plane
 * is in memory (no TUN, no kernel), so only IKE is measured. Like strongSwan's load-tester, the responder should
 * allow many SAs of one identity ({@code unique = never}) and not demand cookies from the bench.
 */
final class BenchCommand implements Command {
    @Override
    public String summary() {
        return "bench --conf FILE [--conn NAME] [--child NAME] [--count N] [--warmup N] [--concurrency C] [--delete] [--port P] "
                + "[--natt-port P] [--timeout S] [--crypto-provider SPEC] [--json] [--quiet]   handshake load generator (fake data plane)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        CliArgs o;
        try {
            o = CliArgs.parse(args, Set.of("conf", "conn", "child", "count", "warmup", "concurrency", "port", "natt-port", "timeout",
                    "crypto-provider"),
                    Set.of("delete", "json", "quiet"));
            if (o.value("conf").isEmpty()) throw new CliArgs.UsageException("--conf is required");
        } catch (CliArgs.UsageException e) {
            err.println("ike4j bench: " + e.getMessage());
            err.println("usage: ike4j " + summary());
            return USAGE;
        }
        Path conf = Path.of(o.value("conf").get());
        if (!Files.isReadable(conf)) {
            err.println("ike4j bench: cannot read " + conf);
            return USAGE;
        }
        ConfigResult loaded = SwanctlConfigLoader.load(conf, new CoreConfigValidator());
        loaded.warnings().forEach(d -> err.println("ike4j bench: " + d));
        if (loaded.hasErrors()) {
            loaded.errors().forEach(d -> err.println("ike4j bench: " + d));
            return FAILED;
        }
        BenchPlan plan;
        int warmup;
        int port;
        int nattPort;
        io.ike4j.core.crypto.CryptoProviders crypto;
        try {
            crypto = DaemonCommand.cryptoProviders(o);
            plan = plan(o, loaded.config());
            warmup = o.value("warmup").isEmpty() ? 0 : number(o, "warmup", 0);
            port = o.port("port", 0);
            nattPort = o.port("natt-port", 0);
        } catch (CliArgs.UsageException | IllegalArgumentException e) {
            err.println("ike4j bench: " + e.getMessage());
            return USAGE;
        }
        try {
            BenchResult r = bench(loaded.config(), conf, plan, warmup, port, nattPort, crypto,
                    o.flag("quiet") ? line -> { } : err::println);
            out.print(o.flag("json") ? r.json() + System.lineSeparator() : r.text());
            return r.established() == plan.count() ? OK : FAILED;
        } catch (IOException e) {
            err.println("ike4j bench: cannot open the IKE sockets: " + e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("ike4j bench: interrupted");
            return FAILED;
        }
    }

    private static BenchPlan plan(CliArgs o, SwanctlConfig config) throws CliArgs.UsageException {
        if (config.connections().isEmpty()) throw new CliArgs.UsageException("the configuration has no connections");
        String connName = o.value("conn").orElse(config.connections().getFirst().name());
        ConnectionConfig conn = config.connection(connName)
                .orElseThrow(() -> new CliArgs.UsageException("no connection '" + connName + "' in the configuration"));
        Optional<String> child = o.value("child");
        if (child.isPresent() && conn.child(child.get()).isEmpty()) {
            throw new CliArgs.UsageException("connection '" + connName + "' has no child '" + child.get() + "'");
        }
        String childName = child.orElse(conn.children().isEmpty() ? null : conn.children().getFirst().name());
        return new BenchPlan(connName, childName, number(o, "count", 100), number(o, "concurrency", 10),
                o.flag("delete"), Duration.ofSeconds(number(o, "timeout", 30)));
    }

    private static int number(CliArgs o, String name, int dflt) throws CliArgs.UsageException {
        Optional<String> v = o.value(name);
        if (v.isEmpty()) return dflt;
        try {
            int n = Integer.parseInt(v.get());
            if (n < 1) throw new CliArgs.UsageException("--" + name + " must be at least 1");
            return n;
        } catch (NumberFormatException e) {
            throw new CliArgs.UsageException("--" + name + " must be a number: " + v.get());
        }
    }

    static BenchResult bench(SwanctlConfig config, Path conf, BenchPlan plan, int port, int nattPort,
                             java.util.function.Consumer<String> progress) throws IOException, InterruptedException {
        return bench(config, conf, plan, 0, port, nattPort, io.ike4j.daemon.CryptoProviderOption.defaults(), progress);
    }

    /**
     * Runs {@code warmup} IKE SAs first in the same JVM and runtime, unmeasured: a fresh JVM spends most of its first
     * few thousand handshakes compiling (C1, then C2), which a long-running gateway has long done.
     */
    static BenchResult bench(SwanctlConfig config, Path conf, BenchPlan plan, int warmup, int port, int nattPort,
                             io.ike4j.core.crypto.CryptoProviders crypto,
                             java.util.function.Consumer<String> progress) throws IOException, InterruptedException {
        AtomicReference<EngineRuntime> target = new AtomicReference<>();
        try (UdpTransport udp = UdpTransport.open(new TransportConfig(port, nattPort, List.of()), (local, remote, data) -> {
            EngineRuntime r = target.get();
            if (r != null) r.onIkeDatagram(local, remote, data);
        }, EspSink.DROP); InMemoryDataPlane plane = new InMemoryDataPlane()) {
            SwanctlToEngineConfig.Mapped mapped = SwanctlToEngineConfig.map(config,
                    new SwanctlToEngineConfig.Ports(udp.ikePort(), udp.natTraversalPort(), null, null, crypto),
                    Optional.ofNullable(conf.toAbsolutePath().getParent()));
            mapped.warnings().forEach(w -> progress.accept("config: " + w));
            Engine engine = Engine.create(new EngineContext(mapped.config(), InstantSource.system(), RandomSource.secure(),
                    null, Optional.empty(), UdpTransport.sourceAddressSelector()));
            LongAdder retransmits = new LongAdder();
            try (EngineRuntime runtime = new EngineRuntime(HandshakeBench.countingRetransmissions(engine::handle, retransmits),
                    udp, plane, InstantSource.system())) {
                target.set(runtime);
                HandshakeBench bench = new HandshakeBench(runtime, retransmits);
                if (warmup > 0) {
                    BenchResult w = bench.run(new BenchPlan(plan.connection(), plan.child(), warmup, plan.concurrency(),
                            plan.deleteAfter(), plan.timeout()), line -> progress.accept("warm-up: " + line));
                    progress.accept(String.format(java.util.Locale.ROOT, "warm-up: %d/%d established, %.1f/s",
                            w.established(), warmup, w.ratePerSecond()));
                }
                BenchResult result = bench.run(plan, progress);
                try { // delete what is left (informing the responder), briefly
                    runtime.shutdown().get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    progress.accept("shutdown: " + e);
                }
                return result;
            }
        }
    }
}
