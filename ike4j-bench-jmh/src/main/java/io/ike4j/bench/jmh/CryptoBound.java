package io.ike4j.bench.jmh;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the crypto benchmarks briefly (JMH, one fork), prints the cost per operation for the JDK and BouncyCastle,
 * and the crypto bound of a responder: the sum of the per-operation costs of the primitives one handshake needs,
 * and 1/cost as a rate per core and for all cores.
 * Usage: {@code CryptoBound [--quick] [--filter REGEX] [--log FILE]} (FILE gets JMH's own output).
 */
public final class CryptoBound {
    /** The daemon's default provider per operation (ike4j-daemon CryptoProviderOption.DEFAULT_SPEC); else the JDK. */
    static final Set<String> DEFAULT_BC = Set.of("x25519KeygenAgree", "ecdsaP256Sign", "ecdsaP256Verify", "ed25519Sign",
            "ed25519Verify");

    /** What a responder computes for one IKE SA with one CHILD_SA: operation -> count. */
    static final Map<String, Map<String, Integer>> HANDSHAKES = new LinkedHashMap<>();

    static {
        Map<String, Integer> common = Map.of("x25519KeygenAgree", 1, "ikeKeySchedule", 1, "aesGcmSeal1KiB", 2);
        HANDSHAKES.put("PSK + X25519 + AES-GCM", with(common, Map.of("pskAuth", 2)));
        // certificates: sign our AUTH, verify the peer's AUTH and its certificate (one CA); prf(SK_p, ID) twice
        HANDSHAKES.put("certs ECDSA P-256", with(common, Map.of("pskAuth", 1, "ecdsaP256Sign", 1, "ecdsaP256Verify", 2)));
        HANDSHAKES.put("certs Ed25519", with(common, Map.of("pskAuth", 1, "ed25519Sign", 1, "ed25519Verify", 2)));
        // RFC 9370: one IKE_INTERMEDIATE with ML-KEM-768, its keys re-derived, two more SK messages
        HANDSHAKES.put("PSK + X25519 + ML-KEM-768", with(common, Map.of("pskAuth", 2, "mlkem768Encaps", 1,
                "ikeKeySchedule", 2, "aesGcmSeal1KiB", 4)));
    }

    private static Map<String, Integer> with(Map<String, Integer> a, Map<String, Integer> b) {
        Map<String, Integer> m = new LinkedHashMap<>(a);
        m.putAll(b);
        return m;
    }

    private CryptoBound() {}

    public static void main(String[] args) throws RunnerException {
        boolean quick = List.of(args).contains("--quick");
        String filter = "io\\.ike4j\\.bench\\.jmh\\..*Bench\\..*";
        String log = null;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--filter")) filter = args[i + 1];
            if (args[i].equals("--log")) log = args[i + 1];
        }
        ChainedOptionsBuilder o = new OptionsBuilder().include(filter).forks(1)
                // the JIT needs a few seconds per benchmark before the figures mean anything (longer on a loaded machine)
                .warmupIterations(quick ? 3 : 5).warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 6 : 10).measurementTime(TimeValue.milliseconds(500))
                .timeUnit(TimeUnit.MICROSECONDS).jvmArgsAppend("-Xmx512m", "--sun-misc-unsafe-memory-access=allow");
        if (log != null) o = o.output(log); // JMH's own progress and summary
        Map<String, Map<String, Double>> us = new TreeMap<>(); // op -> provider -> µs/op
        for (RunResult r : new Runner(o.build()).run()) {
            String op = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            us.computeIfAbsent(op, k -> new TreeMap<>()).put(r.getParams().getParam("provider"), best(r));
        }
        System.out.print(report(us, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * The fastest measurement iteration: on a shared machine other processes only ever add time, so the best
     * iteration is the closest to the undisturbed cost (JMH's own average is in the log).
     */
    private static double best(RunResult r) {
        double best = Double.MAX_VALUE;
        for (var b : r.getBenchmarkResults()) {
            for (var i : b.getIterationResults()) best = Math.min(best, i.getPrimaryResult().getScore());
        }
        return best;
    }

    /** The table and the bounds (pure: testable without running JMH). */
    static String report(Map<String, Map<String, Double>> us, int cores) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%nµs per operation: the best of the measurement iterations%n"));
        b.append(String.format(Locale.ROOT, "%-20s %12s %12s %9s   %s%n", "operation", "JDK µs/op", "BC µs/op", "JDK/BC", "ike4j default"));
        us.forEach((op, p) -> {
            Double j = p.get("jdk"), c = p.get("bc");
            b.append(String.format(Locale.ROOT, "%-20s %12s %12s %9s   %s%n", op, fmt(j), fmt(c),
                    j != null && c != null ? String.format(Locale.ROOT, "%.2f", j / c) : "-", DEFAULT_BC.contains(op) ? "bc" : "jdk"));
        });
        b.append(String.format(Locale.ROOT, "%nCrypto bound of a responder (sum of per-op costs; %d cores):%n", cores));
        b.append(String.format(Locale.ROOT, "%-28s %14s %12s %12s %14s %12s %12s%n", "handshake", "JDK-only µs", "/s/core",
                "/s x" + cores, "defaults µs", "/s/core", "/s x" + cores));
        HANDSHAKES.forEach((name, ops) -> {
            double jdk = cost(us, ops, false);
            double def = cost(us, ops, true);
            b.append(String.format(Locale.ROOT, "%-28s %14s %12s %12s %14s %12s %12s%n", name, fmt(jdk), rate(jdk, 1),
                    rate(jdk, cores), fmt(def), rate(def, 1), rate(def, cores)));
        });
        return b.toString();
    }

    /** µs per handshake; NaN if an operation was not measured. */
    static double cost(Map<String, Map<String, Double>> us, Map<String, Integer> ops, boolean defaults) {
        double sum = 0;
        for (var e : ops.entrySet()) {
            Map<String, Double> p = us.get(e.getKey());
            Double v = p == null ? null : p.get(defaults && DEFAULT_BC.contains(e.getKey()) ? "bc" : "jdk");
            if (v == null) return Double.NaN;
            sum += v * e.getValue();
        }
        return sum;
    }

    private static String fmt(Double v) {
        return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String rate(double us, int cores) {
        return Double.isNaN(us) ? "-" : String.format(Locale.ROOT, "%.0f", 1e6 / us * cores);
    }
}
