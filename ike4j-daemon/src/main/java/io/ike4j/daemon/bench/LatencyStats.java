package io.ike4j.daemon.bench;

import java.util.Arrays;

/** Percentiles of a set of latencies (nanoseconds), computed once from a sorted copy. */
public record LatencyStats(int count, long minNanos, long p50Nanos, long p90Nanos, long p99Nanos, long maxNanos, double meanNanos) {

    public static final LatencyStats EMPTY = new LatencyStats(0, 0, 0, 0, 0, 0, 0);

    public static LatencyStats of(long[] nanos) {
        if (nanos.length == 0) return EMPTY;
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long n : sorted) sum += n;
        return new LatencyStats(sorted.length, sorted[0], rank(sorted, 50), rank(sorted, 90), rank(sorted, 99),
                sorted[sorted.length - 1], sum / sorted.length);
    }

    /** Nearest-rank percentile: the smallest value with at least {@code p} percent of the values at or below it. */
    static long rank(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.clamp(index, 0, sorted.length - 1)];
    }

    static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
