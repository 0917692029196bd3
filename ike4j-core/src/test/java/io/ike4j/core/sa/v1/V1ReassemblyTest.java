package io.ike4j.core.sa.v1;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.sa.v1.V1Reassembly.Fault;
import io.ike4j.core.sa.v1.V1Reassembly.Outcome;
import org.junit.jupiter.api.Test;

/** Reassembly of IKEv1 fragments: one message at a time, bounded, every refusal a typed fault. */
class V1ReassemblyTest {
    private final V1Reassembly r = new V1Reassembly(100);

    private static byte[] b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (byte) v[i];
        return out;
    }

    private static Fault fault(Outcome o) {
        assertThat(o).isInstanceOf(Outcome.Dropped.class);
        return ((Outcome.Dropped) o).fault();
    }

    @Test
    void piecesInAnyOrderGiveTheMessageInNumberOrder() {
        assertThat(r.add(1, 3, true, b(5, 6), 0)).isEqualTo(new Outcome.Pending(1));
        assertThat(r.add(1, 1, false, b(1, 2), 0)).isEqualTo(new Outcome.Pending(2));
        Outcome o = r.add(1, 2, false, b(3, 4), 0);
        assertThat(o).isInstanceOf(Outcome.Complete.class);
        assertThat(((Outcome.Complete) o).message()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(((Outcome.Complete) o).fragments()).isEqualTo(3);
        assertThat(r.collecting()).isFalse();
        // the peer retransmits all fragments: the same message again (the caller's retransmission check answers it)
        r.add(1, 1, false, b(1, 2), 0);
        r.add(1, 2, false, b(3, 4), 0);
        assertThat(r.add(1, 3, true, b(5, 6), 0)).isInstanceOf(Outcome.Complete.class);
    }

    @Test
    void aSinglePieceFlaggedLastIsAMessage() {
        assertThat(r.add(1, 1, true, b(9), 0)).isInstanceOf(Outcome.Complete.class);
    }

    @Test
    void idZeroNumberZeroAndEmptyDataAreRefusedWithoutTouchingTheState() {
        r.add(1, 1, false, b(1), 0);
        assertThat(fault(r.add(0, 2, true, b(2), 0))).isEqualTo(Fault.ID_ZERO);
        assertThat(fault(r.add(1, 0, true, b(2), 0))).isEqualTo(Fault.NUMBER_ZERO);
        assertThat(fault(r.add(1, 2, true, new byte[0], 0))).isEqualTo(Fault.NO_DATA);
        assertThat(r.add(1, 2, true, b(2), 0)).isInstanceOf(Outcome.Complete.class);
    }

    @Test
    void duplicatesAreDroppedAndTheFirstCopyKept() {
        r.add(1, 1, false, b(1), 0);
        assertThat(fault(r.add(1, 1, false, b(7), 0))).isEqualTo(Fault.DUPLICATE);
        assertThat(((Outcome.Complete) r.add(1, 2, true, b(2), 0)).message()).containsExactly(1, 2);
    }

    @Test
    void withoutLastTheMessageNeverCompletesAndTimesOut() {
        for (int n = 1; n <= 10; n++) assertThat(r.add(1, n, false, b(n), 0)).isInstanceOf(Outcome.Pending.class);
        assertThat(r.collecting()).isTrue();
        // after the timeout the next fragment starts over: the stale pieces are gone
        assertThat(r.add(1, 2, true, b(2), V1Reassembly.TIMEOUT_SECONDS + 1)).isEqualTo(new Outcome.Pending(1));
        assertThat(((Outcome.Complete) r.add(1, 1, false, b(1), V1Reassembly.TIMEOUT_SECONDS + 1)).message()).containsExactly(1, 2);
    }

    @Test
    void numbersBeyondTheLimitOrAfterTheLastAreRefused() {
        assertThat(fault(r.add(1, V1Reassembly.MAX_FRAGMENTS + 1, false, b(1), 0))).isEqualTo(Fault.TOO_MANY);
        r.add(1, 2, true, b(2), 0);
        assertThat(fault(r.add(1, 3, false, b(3), 0))).isEqualTo(Fault.BEYOND_LAST);
        assertThat(fault(r.add(1, 1, true, b(1), 0))).isEqualTo(Fault.SECOND_LAST);
        assertThat(r.add(1, 1, false, b(1), 0)).isInstanceOf(Outcome.Complete.class);
    }

    @Test
    void aLastFlagBeforePiecesAlreadyHeldDiscardsTheMessage() {
        r.add(1, 5, false, b(5), 0);
        assertThat(fault(r.add(1, 2, true, b(2), 0))).isEqualTo(Fault.BEYOND_LAST);
        assertThat(r.collecting()).isFalse();
    }

    @Test
    void overlongTotalsDiscardTheMessage() {
        assertThat(r.add(1, 1, false, new byte[60], 0)).isInstanceOf(Outcome.Pending.class);
        assertThat(fault(r.add(1, 2, true, new byte[41], 0))).isEqualTo(Fault.TOO_LARGE);
        assertThat(r.collecting()).isFalse();
        assertThat(r.add(1, 1, true, new byte[100], 0)).isInstanceOf(Outcome.Complete.class);
    }

    @Test
    void aHigherIdStartsOverAndALowerOneIsStale() {
        r.add(3, 1, false, b(1), 0);
        assertThat(fault(r.add(2, 2, true, b(2), 0))).isEqualTo(Fault.STALE_ID);
        assertThat(r.add(4, 2, true, b(8), 0)).isEqualTo(new Outcome.Pending(1));
        assertThat(((Outcome.Complete) r.add(4, 1, false, b(7), 0)).message()).containsExactly(7, 8);
    }
}
