package io.ike4j.core.sa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FragmentBufferTest {
    @Test
    void collectsInAnyOrderIgnoresDuplicatesAndOutOfRangeNumbersAndCountsBytes() {
        FragmentBuffer b = new FragmentBuffer(3, 3, 100);
        assertThat(b.add(2, 0, new byte[] {2, 2})).isFalse();
        assertThat(b.add(2, 0, new byte[] {9, 9, 9})).isFalse(); // duplicate
        assertThat(b.add(4, 0, new byte[] {4})).isFalse(); // beyond total
        assertThat(b.add(0, 0, new byte[] {0})).isFalse();
        assertThat(b.bytes()).isEqualTo(2);
        assertThat(b.add(1, 46, new byte[] {1})).isFalse();
        assertThat(b.add(3, 0, new byte[] {3, 3, 3})).isTrue();
        assertThat(b.firstInnerPayload()).isEqualTo(46);
        assertThat(b.inOrder()).containsExactly(new byte[] {1}, new byte[] {2, 2}, new byte[] {3, 3, 3});
        assertThat(b.bytes()).isEqualTo(6);
        b.wipe();
        assertThat(b.bytes()).isZero();
        assertThat(b.received()).isZero();
    }

    @Test
    void staleAfterTheTimeout() {
        FragmentBuffer b = new FragmentBuffer(1, 2, 1000);
        assertThat(b.stale(1000 + FragmentBuffer.TIMEOUT_SECONDS)).isFalse();
        assertThat(b.stale(1001 + FragmentBuffer.TIMEOUT_SECONDS)).isTrue();
    }
}
