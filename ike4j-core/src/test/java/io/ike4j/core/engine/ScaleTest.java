package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The scale harness at CI size (a few thousand SAs); {@code -Dike4j.scale.count=100000} runs it at full size (see
 * {@link ScaleHarness}). Checks the mechanics, not the speed: every SA comes up on the responder, its memory per SA
 * stays bounded, and the rekeys of SAs set up at the same instant are spread over rand_time rather than due together.
 */
class ScaleTest {
    @Test
    void responderHoldsManySasWithBoundedMemoryAndSpreadRekeys() throws Exception {
        int count = Integer.getInteger("ike4j.scale.count", 300);
        ScaleHarness.Result r = new ScaleHarness().run(count);
        System.out.println(r.text());
        assertThat(r.established()).isEqualTo(count);
        assertThat(r.rekeyTimers()).isEqualTo(count);
        // rekey_time 4h, rand_time = over_time = 24 min: deadlines fall between 3h36m and 4h
        assertThat(r.rekeyEarliest()).isGreaterThanOrEqualTo(Duration.ofHours(4).minusMinutes(24));
        assertThat(r.rekeyLatest()).isLessThanOrEqualTo(Duration.ofHours(4));
        // all SAs were set up at the same (fixed) instant, yet no minute carries more than a few times its share
        assertThat(r.rekeyBusiestMinute()).isLessThanOrEqualTo(Math.max(20, 4 * count / 24));
        // generous bound (the heap is measured after GC but other allocations can blur it at small counts)
        assertThat(r.heapPerSa()).isLessThan(64 * 1024);
    }
}
