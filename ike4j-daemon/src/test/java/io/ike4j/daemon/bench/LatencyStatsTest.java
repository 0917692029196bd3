package io.ike4j.daemon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyStatsTest {
    @Test
    void nearestRankPercentilesOfOneToHundred() {
        long[] v = new long[100];
        for (int i = 0; i < 100; i++) v[99 - i] = i + 1; // unsorted input
        LatencyStats s = LatencyStats.of(v);
        assertThat(s.count()).isEqualTo(100);
        assertThat(s.minNanos()).isEqualTo(1);
        assertThat(s.p50Nanos()).isEqualTo(50);
        assertThat(s.p90Nanos()).isEqualTo(90);
        assertThat(s.p99Nanos()).isEqualTo(99);
        assertThat(s.maxNanos()).isEqualTo(100);
        assertThat(s.meanNanos()).isEqualTo(50.5);
        assertThat(v[0]).as("the input is not sorted in place").isEqualTo(100);
    }

    @Test
    void singleValueAndEmpty() {
        LatencyStats one = LatencyStats.of(new long[] {7});
        assertThat(one.p50Nanos()).isEqualTo(7);
        assertThat(one.p99Nanos()).isEqualTo(7);
        assertThat(LatencyStats.of(new long[0])).isEqualTo(LatencyStats.EMPTY);
    }
}
