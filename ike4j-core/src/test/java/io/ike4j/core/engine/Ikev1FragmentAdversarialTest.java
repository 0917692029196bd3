package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.v1.IsakmpFragment;
import io.ike4j.core.codec.v1.IsakmpHeader;
import io.ike4j.core.codec.v1.Octets;
import io.ike4j.core.codec.v1.V1ExchangeType;
import io.ike4j.core.codec.v1.V1FragmentCodec;
import io.ike4j.core.codec.v1.V1NotifyType;
import io.ike4j.core.exchange.v1.V1Wire;
import io.ike4j.core.sa.v1.IsakmpSa;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * IKEv1 fragments aimed at an established ISAKMP SA (B, responder; A's cookies): fragments with ID 0, number 0 or no
 * data, duplicates, a LAST flag that never comes or comes twice, overlong totals, stale IDs, fragments of fragments,
 * reassembled messages with other cookies, fragments for no SA and malformed fragment payloads. Each is dropped with
 * a typed fault in a log line, never an exception, never an answer, and the SA stays up; a genuine fragmented message
 * still goes through.
 */
class Ikev1FragmentAdversarialTest {
    private static final V1FragmentCodec CODEC = new V1FragmentCodec();

    private static List<EngineOutput> toB(TwoPeers t, byte[] d) {
        List<EngineOutput> out = t.b.engine.handle(new EngineInput.DatagramReceived(t.b.address, t.a.address, d));
        assertThat(out).doesNotContainNull();
        assertThat(t.b.log).noneMatch(l -> l.contains("internal error") || l.contains("Exception"));
        return out;
    }

    private static List<EngineOutput.SendDatagram> sent(List<EngineOutput> out) {
        return out.stream().filter(EngineOutput.SendDatagram.class::isInstance).map(EngineOutput.SendDatagram.class::cast).toList();
    }

    private static byte[] fragment(long cookieI, long cookieR, int id, int number, boolean last, byte[] data) {
        IsakmpHeader h = IsakmpHeader.of(cookieI, cookieR, V1ExchangeType.IDENTITY_PROTECTION, false, 0);
        return CODEC.encode(new IsakmpFragment(h, id, number, last ? IsakmpFragment.FLAG_LAST : 0, Octets.of(data)));
    }

    private static byte[] fragment(IsakmpSa a, int id, int number, boolean last, byte[] data) {
        return fragment(a.cookieI, a.cookieR, id, number, last, data);
    }

    /** {@code message} in pieces of {@code size} bytes, fragment ID {@code id}. */
    private static List<byte[]> split(IsakmpSa a, int id, byte[] message, int size) {
        List<byte[]> out = new ArrayList<>();
        int n = (message.length + size - 1) / size;
        for (int i = 0; i < n; i++) {
            out.add(fragment(a, id, i + 1, i == n - 1, Arrays.copyOfRange(message, i * size, Math.min(message.length, (i + 1) * size))));
        }
        return out;
    }

    private static byte[] rUThere(IsakmpSa a, long mid, int seq) {
        return V1Wire.encrypted(a, V1ExchangeType.INFORMATIONAL, mid, V1Wire.withHash(a, mid,
                List.of(V1Wire.notify(a, V1NotifyType.R_U_THERE.value(), ByteBuffer.allocate(4).putInt(seq).array())), false));
    }

    private static void bEstablished(TwoPeers t) {
        assertThat(t.b.engine.listSas()).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo("ESTABLISHED");
            assertThat(s.children()).hasSize(1);
        });
    }

    private static TwoPeers established() throws Exception {
        return V1Configs.establish(new V1Configs(), true);
    }

    @Test
    void aGenuineFragmentedMessageIsReassembledAndAnswered() throws Exception {
        TwoPeers t = established();
        IsakmpSa a = V1Wire.sas(t.a.engine).getFirst();
        List<byte[]> pieces = split(a, 1, rUThere(a, 0x4242, 7), 20);
        assertThat(pieces).hasSizeGreaterThan(2);
        List<EngineOutput> last = List.of();
        for (int i = pieces.size() - 1; i >= 0; i--) last = toB(t, pieces.get(i)); // any order
        assertThat(sent(last)).as("R-U-THERE-ACK").hasSize(1);
        assertThat(t.b.log).anyMatch(l -> l.contains("reassembled fragmented IKE message"));
        bEstablished(t);
    }

    @ParameterizedTest(name = "id {0} number {1} data {2}")
    @CsvSource({"0, 1, 10, ID_ZERO", "0, 0, 0, ID_ZERO", "1, 0, 10, NUMBER_ZERO", "1, 1, 0, NO_DATA", "65535, 3, 0, NO_DATA",
            "1, 65, 10, TOO_MANY", "1, 255, 10, TOO_MANY"})
    void fragmentsWithIdZeroNumberZeroNoDataOrBeyondTheLimitAreDropped(int id, int number, int dataLength, String fault)
            throws Exception {
        TwoPeers t = established();
        IsakmpSa a = V1Wire.sas(t.a.engine).getFirst();
        assertThat(sent(toB(t, fragment(a, id, number, true, new byte[dataLength])))).isEmpty();
        assertThat(t.b.log).anyMatch(l -> l.contains("dropped IKEv1 fragment") && l.contains(fault));
        bEstablished(t);
    }

    @Test
    void duplicatesSecondLastAndPiecesAfterTheLastAreDropped() throws Exception {
        TwoPeers t = established();
        IsakmpSa a = V1Wire.sas(t.a.engine).getFirst();
        List<byte[]> pieces = split(a, 1, rUThere(a, 0x4343, 8), 30);
        toB(t, pieces.getFirst());
        assertThat(sent(toB(t, fragment(a, 1, 1, false, new byte[30])))).isEmpty();
        assertThat(t.b.log).anyMatch(l -> l.contains("DUPLICATE"));
        toB(t, pieces.getLast());
        int lastNumber = pieces.size();
        assertThat(sent(toB(t, fragment(a, 1, lastNumber + 1, false, new byte[5])))).isEmpty();
        assertThat(t.b.log).anyMatch(l -> l.contains("BEYOND_LAST"));
        assertThat(sent(toB(t, fragment(a, 1, 2, true, new byte[5])))).isEmpty();
        assertThat(t.b.log).anyMatch(l -> l.contains("SECOND_LAST"));
        // the genuine pieces still complete the message (the duplicate did not replace piece 1)
        List<EngineOutput> out = List.of();
        for (byte[] p : pieces.subList(1, pieces.size() - 1)) out = toB(t, p);
        assertThat(sent(out)).hasSize(1);
        bEstablished(t);
    }

    @Test
    void withoutLastNothingIsProcessedAndTheBufferTimesOut() throws Exception {
        TwoPeers t = established();
        IsakmpSa a = V1Wire.sas(t.a.engine).getFirst();
        for (int n = 1; n <= 20; n++) assertThat(sent(toB(t, fragment(a, 1, n, false, new byte[100])))).isEmpty();
        assertThat(t.b.log).noneMatch(l -> l.contains("reassembled"));
        t.clock.now = t.clock.now.plus(Duration.ofSeconds(40)); // no timer of B is due in between
        // after the timeout a genuine message is collected afresh
        List<EngineOutput> out = List.of();
        for (byte[] p : split(a, 1, rUThere(a, 0x4444, 9), 40)) out = toB(t, p);
        assertThat(sent(out)).as(String.join("\n", t.b.log)).hasSize(1);
        bEstablished(t);
    }

    @Test
    void overlongTotalsAreDiscarded() throws Exception {
        TwoPeers t = established();
        IsakmpSa a = V1Wire.sas(t.a.engine).getFirst();
        for (int n = 1; n <= 60; n++) assertThat(sent(toB(t, fragment(a, 1, n, false, new byte[1100])))).isEmpty();
        assertThat(t.b.log).anyMatch(l -> l.contains("TOO_LARGE"));
        bEstablished(t);
    }

    @Test
    void aLowerIdIsStaleAndAHigherOneStartsOver() throws Exception {
        TwoPeers t = established();
        IsakmpSa a = V1Wire.sas(t.a.engine).getFirst();
        toB(t, fragment(a, 5, 1, false, new byte[10]));
        assertThat(sent(toB(t, fragment(a, 4, 2, true, new byte[10])))).isEmpty();
        assertThat(t.b.log).anyMatch(l -> l.contains("STALE_ID"));
        List<EngineOutput> out = List.of();
        for (byte[] p : split(a, 6, rUThere(a, 0x4545, 10), 50)) out = toB(t, p);
        assertThat(sent(out)).hasSize(1);
        bEstablished(t);
    }

    @Test
    void reassembledFragmentsOrMessagesOfOtherCookiesAreDropped() throws Exception {
        TwoPeers t = established();
        IsakmpSa a = V1Wire.sas(t.a.engine).getFirst();
        byte[] nested = fragment(a, 1, 1, true, new byte[12]);
        for (byte[] p : split(a, 1, nested, 16)) assertThat(sent(toB(t, p))).isEmpty();
        assertThat(t.b.log).anyMatch(l -> l.contains("itself a fragment"));
        byte[] other = rUThere(a, 0x4646, 11);
        other[0] ^= 1;
        for (byte[] p : split(a, 1, other, 40)) assertThat(sent(toB(t, p))).isEmpty();
        assertThat(t.b.log).anyMatch(l -> l.contains("cookies differ"));
        byte[] garbage = new byte[90];
        System.arraycopy(other, 0, garbage, 0, 16);
        garbage[0] ^= 1;
        for (byte[] p : split(a, 1, garbage, 40)) assertThat(sent(toB(t, p))).isEmpty();
        assertThat(t.b.log).anyMatch(l -> l.contains("rejected IKEv1 datagram"));
        bEstablished(t);
    }

    @Test
    void fragmentsForNoSaOrMalformedOnesAreDropped() throws Exception {
        TwoPeers t = established();
        IsakmpSa a = V1Wire.sas(t.a.engine).getFirst();
        assertThat(sent(toB(t, fragment(a.cookieI, 0, 1, 1, true, new byte[10])))).isEmpty();
        assertThat(sent(toB(t, fragment(a.cookieI ^ 1, a.cookieR, 1, 1, true, new byte[10])))).isEmpty();
        assertThat(t.b.log).anyMatch(l -> l.contains("for no known ISAKMP SA"));
        byte[] bad = fragment(a, 1, 1, true, new byte[10]);
        bad[28 + 3] = 9; // payload length 9 in an 18-byte payload
        assertThat(sent(toB(t, bad))).isEmpty();
        byte[] chained = fragment(a, 1, 1, true, new byte[10]);
        chained[28] = 13; // a Vendor ID payload announced after the fragment
        assertThat(sent(toB(t, chained))).isEmpty();
        assertThat(t.b.log).filteredOn(l -> l.contains("rejected IKEv1 fragment")).hasSize(2);
        bEstablished(t);
    }
}
