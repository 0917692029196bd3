package io.ike4j.platform.esp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReplayWindowTest {

    private static boolean receive(ReplayWindow w, long seq) {
        if (!w.check(seq)) return false;
        w.update(seq);
        return true;
    }

    @Test
    void sizesDefaultRoundUpAndLimit() {
        assertThat(new ReplayWindow(0, false).size()).isEqualTo(1024);
        assertThat(new ReplayWindow(1024, false).size()).isEqualTo(1024);
        assertThat(new ReplayWindow(4096, true).size()).isEqualTo(4096);
        assertThat(new ReplayWindow(1000, false).size()).isEqualTo(1024);
        assertThat(new ReplayWindow(32, false).size()).isEqualTo(64);
        assertThatThrownBy(() -> new ReplayWindow(-1, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReplayWindow(ReplayWindow.MAX_SIZE + 1, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sequenceZeroIsNeverAccepted() {
        ReplayWindow w = new ReplayWindow(1024, false);
        assertThat(w.check(0)).isFalse();
        assertThat(receive(w, 1)).isTrue();
        assertThat(w.check(0)).isFalse();
    }

    @Test
    void duplicatesAndOldPacketsAreRejectedReorderingInsideIsAccepted() {
        ReplayWindow w = new ReplayWindow(1024, false);
        assertThat(receive(w, 5)).isTrue();
        assertThat(receive(w, 5)).isFalse();
        assertThat(receive(w, 3)).isTrue();
        assertThat(receive(w, 3)).isFalse();
        assertThat(receive(w, 4)).isTrue();
        assertThat(receive(w, 2000)).isTrue();
        // window now covers 977..2000
        assertThat(w.check(976)).as("just left of the window").isFalse();
        assertThat(receive(w, 977)).as("left edge").isTrue();
        assertThat(receive(w, 977)).isFalse();
        assertThat(receive(w, 1999)).isTrue();
        assertThat(receive(w, 2000)).isFalse();
        assertThat(w.top()).isEqualTo(2000);
    }

    @Test
    void slidingClearsBitsOfNewlyCoveredNumbers() {
        ReplayWindow w = new ReplayWindow(64, false);
        for (long s = 1; s <= 64; s++) assertThat(receive(w, s)).isTrue();
        // sequence numbers 65..128 share bit positions with 1..64: they must be new
        assertThat(receive(w, 100)).isTrue();
        for (long s = 65; s < 100; s++) assertThat(w.check(s)).as("seq %d", s).isTrue();
        assertThat(w.check(36)).isFalse(); // 100 - 64
        assertThat(w.check(37)).isFalse(); // seen before
        assertThat(receive(w, 100 + 64 * 5)).as("jump beyond the window").isTrue();
        assertThat(w.check(100 + 64 * 5 - 1)).isTrue();
        assertThat(w.check(100)).isFalse();
    }

    @Test
    void largeWindowTracksEveryPosition() {
        ReplayWindow w = new ReplayWindow(4096, false);
        assertThat(receive(w, 5000)).isTrue();
        for (long s = 905; s < 5000; s += 2) assertThat(receive(w, s)).as("seq %d", s).isTrue();
        for (long s = 905; s < 5000; s++) assertThat(w.check(s)).as("seq %d", s).isEqualTo((s - 905) % 2 == 1);
        assertThat(w.check(904)).isFalse();
    }

    @Test
    void withoutEsnTheWireValueIsTheSequenceNumber() {
        ReplayWindow w = new ReplayWindow(1024, false);
        assertThat(w.infer(0xffffffff)).isEqualTo(0xffffffffL);
        assertThat(w.infer(7)).isEqualTo(7);
    }

    @Test
    void esnInferenceCaseAWindowWithinOneSubspace() {
        ReplayWindow w = new ReplayWindow(1024, true);
        assertThat(w.infer(1)).isEqualTo(1);
        assertThat(receive(w, 0x2_0000_5000L)).isTrue(); // a window at Th = 2 (pretend the SA ran long)
        assertThat(w.infer(0x5000 - 1023)).isEqualTo(0x2_0000_5000L - 1023);
        assertThat(w.infer(0x5000 - 1024)).as("below the window: next subspace").isEqualTo(0x3_0000_5000L - 1024);
        assertThat(w.infer(0x6000)).isEqualTo(0x2_0000_6000L);
    }

    @Test
    void esnInferenceAcrossTheTwoToThe32Boundary() {
        ReplayWindow w = new ReplayWindow(1024, true);
        assertThat(receive(w, 0xffff_fff0L)).isTrue();
        // the low half wraps: Seql < Bl means the next subspace (RFC 4303 A2.2 case A)
        assertThat(w.infer(0x0000_0005)).isEqualTo(0x1_0000_0005L);
        assertThat(receive(w, w.infer(0x0000_0005))).isTrue();
        // now T = 2^32 + 5 and the window spans both subspaces (case B)
        assertThat(w.infer(0xffff_fff8)).isEqualTo(0x0_ffff_fff8L);
        assertThat(receive(w, w.infer(0xffff_fff8))).as("late packet from before the wrap").isTrue();
        assertThat(receive(w, w.infer(0xffff_fff8))).as("and its replay").isFalse();
        assertThat(receive(w, w.infer(0xffff_fff0))).as("seen before the wrap").isFalse();
        assertThat(w.infer(0x0000_0003)).isEqualTo(0x1_0000_0003L);
        assertThat(receive(w, w.infer(0x0000_0003))).isTrue();
        assertThat(w.infer(0x7000_0000)).isEqualTo(0x1_7000_0000L);
        assertThat(w.top()).isEqualTo(0x1_0000_0005L);
    }

    @Test
    void esnNumbersBeforeTheFirstSubspaceInferToZeroAndAreRejected() {
        ReplayWindow w = new ReplayWindow(1024, true);
        assertThat(receive(w, 10)).isTrue();
        assertThat(w.infer(0xffff_ff00)).isZero();
        assertThat(w.check(w.infer(0xffff_ff00))).isFalse();
        assertThat(w.infer(0xffff_0000)).as("below Bl: same subspace").isEqualTo(0xffff_0000L);
    }
}
