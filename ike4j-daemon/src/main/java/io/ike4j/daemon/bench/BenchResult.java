package io.ike4j.daemon.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of a bench run. {@code failureReasons} counts failures by their reason (the notify or the event's
 * words); timeouts are counted separately. The rate is established SAs per second of wall-clock time.
 */
public record BenchResult(BenchPlan plan, int established, int failed, int timedOut, Duration elapsed,
                          LatencyStats latency, long retransmissions, Map<String, Integer> failureReasons) {
    public BenchResult {
        failureReasons = Map.copyOf(failureReasons);
    }

    public double ratePerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : established / seconds;
    }

    public String text() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "connection    %s%s, %d IKE SAs, concurrency %d%s%n", plan.connection(),
                plan.child() == null ? "" : "/" + plan.child(), plan.count(), plan.concurrency(),
                plan.deleteAfter() ? ", deleted when up" : ""));
        s.append(String.format(Locale.ROOT, "established   %d   failed %d   timed out %d%n", established, failed, timedOut));
        s.append(String.format(Locale.ROOT, "elapsed       %.3f s   rate %.1f established/s%n", elapsed.toNanos() / 1e9, ratePerSecond()));
        s.append(String.format(Locale.ROOT, "latency ms    min %.2f  p50 %.2f  p90 %.2f  p99 %.2f  max %.2f  mean %.2f%n",
                LatencyStats.millis(latency.minNanos()), LatencyStats.millis(latency.p50Nanos()),
                LatencyStats.millis(latency.p90Nanos()), LatencyStats.millis(latency.p99Nanos()),
                LatencyStats.millis(latency.maxNanos()), latency.meanNanos() / 1e6));
        s.append(String.format(Locale.ROOT, "retransmits   %d%n", retransmissions));
        new TreeMap<>(failureReasons).forEach((r, n) -> s.append(String.format(Locale.ROOT, "failure       %d x %s%n", n, r)));
        return s.toString();
    }

    /** One JSON object (for scripts): counts, rate and latency percentiles in milliseconds. */
    public String json() {
        StringBuilder reasons = new StringBuilder();
        new TreeMap<>(failureReasons).forEach((r, n) -> {
            if (!reasons.isEmpty()) reasons.append(',');
            reasons.append('"').append(escape(r)).append("\":").append(n);
        });
        return String.format(Locale.ROOT, "{\"connection\":\"%s\",\"count\":%d,\"concurrency\":%d,\"established\":%d,"
                        + "\"failed\":%d,\"timed_out\":%d,\"elapsed_s\":%.3f,\"rate_per_s\":%.1f,\"latency_ms\":{\"min\":%.3f,"
                        + "\"p50\":%.3f,\"p90\":%.3f,\"p99\":%.3f,\"max\":%.3f,\"mean\":%.3f},\"retransmissions\":%d,\"failures\":{%s}}",
                escape(plan.connection()), plan.count(), plan.concurrency(), established, failed, timedOut,
                elapsed.toNanos() / 1e9, ratePerSecond(), LatencyStats.millis(latency.minNanos()),
                LatencyStats.millis(latency.p50Nanos()), LatencyStats.millis(latency.p90Nanos()),
                LatencyStats.millis(latency.p99Nanos()), LatencyStats.millis(latency.maxNanos()), latency.meanNanos() / 1e6,
                retransmissions, reasons);
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }
}
