package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ike4j.core.codec.v1.IsakmpCodec;
import io.ike4j.core.codec.v1.IsakmpFragment;
import io.ike4j.core.codec.v1.IsakmpHeader;
import io.ike4j.core.codec.v1.Octets;
import io.ike4j.core.codec.v1.V1FragmentCodec;
import io.ike4j.core.codec.v1.V1ExchangeType;
import io.ike4j.core.codec.v1.V1Result;
import io.ike4j.core.exchange.v1.V1Wire;
import io.ike4j.core.sa.v1.IsakmpSa;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Arbitrary IKEv1 input to a responder engine in each state of its IKEv1 machine: fresh (any datagram), Main Mode in
 * progress (after message 1, after message 3: fuzzer payload chains with the right cookies, in the clear or encrypted
 * with the initiator's keys), and established (encrypted chains of Informational, Quick Mode, Transaction and Main
 * Mode exchanges, with or without a correct HASH(1) in front, expected or other message IDs). Promise: no exception,
 * no internal error, everything sent decodes, timers are not in the past, firing them keeps the promise. (In the
 * engine package rather than a {@code fuzz} sub-package: it drives the two-engine harness of the IKEv1 tests.)
 */
class Ikev1EngineFuzz {
    private static final IsakmpCodec CODEC = new IsakmpCodec();
    private static final io.ike4j.core.codec.IkeMessageCodec V2_CODEC = new io.ike4j.core.codec.IkeMessageCodec();
    private static final V1ExchangeType[] EXCHANGES = {V1ExchangeType.INFORMATIONAL, V1ExchangeType.QUICK_MODE,
            V1ExchangeType.TRANSACTION, V1ExchangeType.IDENTITY_PROTECTION, V1ExchangeType.AGGRESSIVE};
    private static final int[] FIRST = {8, 1, 10, 11, 12, 5, 4, 7, 9, 13, 20, 21, 14, 132, 0, 2, 3, 6};

    @FuzzTest
    void fresh(byte[] datagram) throws Exception {
        TwoPeers t = new V1Configs().peers();
        feed(t, datagram);
    }

    @FuzzTest
    void mainMode(FuzzedDataProvider in) throws Exception {
        TwoPeers t = new V1Configs().peers();
        int delivered = in.consumeInt(1, 2); // B saw message 1, or messages 1 and 3
        int[] fromA = {0};
        t.network = p -> {
            if (p.from() == t.a && ++fromA[0] > delivered) return List.of();
            return List.of(p);
        };
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.flush();
        IsakmpSa a = V1Wire.sas(t.a.engine).getFirst();
        V1ExchangeType ex = EXCHANGES[in.consumeInt(0, EXCHANGES.length - 1)];
        int first = FIRST[in.consumeInt(0, FIRST.length - 1)];
        long mid = in.consumeBoolean() ? 0 : in.consumeInt() & 0xffffffffL;
        boolean encrypt = a.keys != null && in.consumeBoolean();
        boolean hash = in.consumeBoolean();
        byte[] chain = in.consumeRemainingAsBytes();
        feed(t, encrypt ? V1Wire.encryptedRaw(a, ex, mid, first, chain, hash) : plain(a, ex, mid, first, chain));
    }

    @FuzzTest
    void established(FuzzedDataProvider in) throws Exception {
        TwoPeers t = V1Configs.establish(new V1Configs(), true);
        IsakmpSa a = V1Wire.sas(t.a.engine).getFirst();
        V1ExchangeType ex = EXCHANGES[in.consumeInt(0, EXCHANGES.length - 1)];
        int first = FIRST[in.consumeInt(0, FIRST.length - 1)];
        long mid = in.consumeBoolean() ? 1 + in.consumeInt(0, 3) : in.consumeInt() & 0xffffffffL;
        boolean hash = in.consumeBoolean();
        boolean clear = in.consumeInt(0, 15) == 0;
        byte[] chain = in.consumeRemainingAsBytes();
        feed(t, clear ? plain(a, ex, mid, first, chain) : V1Wire.encryptedRaw(a, ex, mid, first, chain, hash));
        assertThat(t.b.engine.listSas()).allMatch(s -> s.state() != null);
    }

    /**
     * Established, then a run of IKEv1 fragments with the SA's cookies: fuzzer-chosen ID, number, flags and data; the
     * data of a first fragment may start with the SA's cookies so that a reassembled message reaches the normal path.
     */
    @FuzzTest
    void fragments(FuzzedDataProvider in) throws Exception {
        TwoPeers t = V1Configs.establish(new V1Configs(), true);
        IsakmpSa a = V1Wire.sas(t.a.engine).getFirst();
        int count = in.consumeInt(1, 12);
        for (int i = 0; i < count && in.remainingBytes() > 0; i++) {
            int id = in.consumeInt(0, 3), number = in.consumeInt(0, 70), flags = in.consumeInt(0, 255);
            boolean cookies = in.consumeBoolean();
            byte[] data = in.consumeBytes(in.consumeInt(0, 300));
            if (cookies && data.length >= 16) ByteBuffer.wrap(data).putLong(a.cookieI).putLong(a.cookieR);
            IsakmpHeader h = IsakmpHeader.of(a.cookieI, a.cookieR, V1ExchangeType.IDENTITY_PROTECTION, false, 0);
            feed(t, new V1FragmentCodec().encode(new IsakmpFragment(h, id, number, flags, Octets.of(data))));
        }
        assertThat(t.b.engine.listSas()).allMatch(s -> s.state() != null);
    }

    private static byte[] plain(IsakmpSa a, V1ExchangeType ex, long mid, int first, byte[] chain) {
        ByteBuffer b = ByteBuffer.allocate(28 + chain.length);
        b.putLong(a.cookieI).putLong(a.cookieR).put((byte) first).put((byte) 0x10).put((byte) ex.value()).put((byte) 0)
                .putInt((int) mid).putInt(28 + chain.length).put(chain);
        return b.array();
    }

    /** Delivers to B (from A), then fires the timers B armed, each at its deadline. */
    private static void feed(TwoPeers t, byte[] datagram) {
        List<EngineOutput> out = t.b.engine.handle(new EngineInput.DatagramReceived(t.b.address, t.a.address, datagram));
        check(t, out);
        List<EngineOutput.StartTimer> timers = new ArrayList<>(out.stream()
                .filter(o -> o instanceof EngineOutput.StartTimer).map(o -> (EngineOutput.StartTimer) o).toList());
        timers.sort((x, y) -> x.deadline().compareTo(y.deadline()));
        for (EngineOutput.StartTimer s : timers) {
            if (s.deadline().isAfter(t.clock.now)) t.clock.now = s.deadline();
            check(t, t.b.engine.handle(new EngineInput.TimerFired(s.id())));
        }
        t.clock.now = t.clock.now.plus(Duration.ofSeconds(1));
    }

    private static void check(TwoPeers t, List<EngineOutput> out) {
        assertThat(out).isNotNull().doesNotContainNull();
        assertThat(t.b.log).noneMatch(l -> l.startsWith("NET [0] input dropped after internal error")); // not a peer-chosen identity
        for (EngineOutput o : out) {
            switch (o) {
                // a fuzzed input may well be an IKEv2 message, which the IKEv2 side answers (RFC 7296 1.5)
                case EngineOutput.SendDatagram d when d.data().length > 17 && (d.data()[17] & 0xf0) == 0x20 ->
                        assertThat(V2_CODEC.decode(d.data())).as("engine sent an undecodable IKEv2 datagram")
                                .isInstanceOf(io.ike4j.core.codec.DecodeResult.Decoded.class);
                case EngineOutput.SendDatagram d -> assertThat(CODEC.decode(d.data())).as("engine sent an undecodable datagram")
                        .isInstanceOf(V1Result.Decoded.class);
                case EngineOutput.StartTimer s -> assertThat(s.deadline()).isAfterOrEqualTo(t.clock.now);
                default -> { }
            }
        }
    }
}
