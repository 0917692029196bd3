package io.ike4j.daemon.bench;

import java.time.Duration;

/**
 * What {@code ike4j bench} runs: {@code count} IKE SAs of one connection (each with its CHILD_SA {@code child}),
 * at most {@code concurrency} of them being set up at a time, each given up after {@code timeout}; with
 * {@code deleteAfter} every SA is deleted as soon as it is up (as strongSwan's load-tester delete_after_established).
 */
public record BenchPlan(String connection, String child, int count, int concurrency, boolean deleteAfter, Duration timeout) {
    public BenchPlan {
        if (connection == null || connection.isBlank()) throw new IllegalArgumentException("a connection is required");
        if (child != null && child.isBlank()) child = null;
        if (count < 1) throw new IllegalArgumentException("count must be at least 1");
        if (concurrency < 1) throw new IllegalArgumentException("concurrency must be at least 1");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
    }
}
