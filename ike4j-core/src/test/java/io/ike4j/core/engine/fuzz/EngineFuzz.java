package io.ike4j.core.engine.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ike4j.core.codec.DecodeResult;
import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.IkeMessageCodec;
import io.ike4j.core.codec.MessageRules;
import io.ike4j.core.engine.EngineInput;
import io.ike4j.core.engine.EngineOutput;
import io.ike4j.core.engine.IkeSaInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Arbitrary datagrams to a responder engine in each state it can be in when a stranger (or a peer) talks to it:
 * fresh, half-open after IKE_SA_INIT, and established. For the encrypted states the fuzzer's bytes are the plaintext
 * payload chain inside a correctly protected SK payload, so it reaches what lies behind SK. Promise: {@code handle}
 * never throws and never hits the engine's internal-error guard; what it sends decodes and has a valid outer shape;
 * timers are not in the past; firing the timers it armed keeps the same promise.
 *
 * <p>Input layout (protected states): one byte picks the exchange type, one the message ID (expected or another),
 * one the SK payload's Next Payload (first inner payload type), one the flags; the rest is the inner chain.
 */
class EngineFuzz {
    private static final IkeMessageCodec CODEC = new IkeMessageCodec();
    private static final ExchangeType[] EXCHANGES = {ExchangeType.IKE_AUTH, ExchangeType.CREATE_CHILD_SA,
            ExchangeType.INFORMATIONAL, ExchangeType.IKE_SA_INIT};
    private static final int[] FIRST_PAYLOADS = {35, 36, 37, 38, 39, 40, 41, 42, 33, 44, 45, 47, 48, 43, 34, 46, 53, 0};

    @FuzzTest
    void fresh(byte[] datagram) {
        EnginePeers p = new EnginePeers();
        feed(p, datagram);
    }

    @FuzzTest
    void halfOpen(FuzzedDataProvider in) {
        EnginePeers p = new EnginePeers();
        check(p, p.halfOpen());
        assertThat(p.responder.keys).hasSize(1);
        feed(p, protectedDatagram(p, in, 1));
    }

    @FuzzTest
    void established(FuzzedDataProvider in) {
        EnginePeers p = new EnginePeers();
        p.establish();
        assertThat(p.responder.engine.listSas()).singleElement()
                .satisfies(i -> assertThat(i.state()).isEqualTo("ESTABLISHED"));
        feed(p, protectedDatagram(p, in, 2));
        // the established SA is not torn down by garbage that is not a valid DELETE
        assertThat(p.responder.engine.listSas()).isNotNull();
    }

    private static byte[] protectedDatagram(EnginePeers p, FuzzedDataProvider in, long expectedMessageId) {
        EnginePeers.Keys k = p.responder.keys.getFirst();
        ExchangeType exchange = EXCHANGES[in.consumeInt(0, EXCHANGES.length - 1)];
        int m = in.consumeInt(0, 7);
        long messageId = m < 6 ? expectedMessageId : m == 6 ? expectedMessageId + 1 : expectedMessageId - 1;
        int first = FIRST_PAYLOADS[in.consumeInt(0, FIRST_PAYLOADS.length - 1)];
        boolean response = in.consumeInt(0, 15) == 0;
        return EnginePeers.protect(k, exchange, response, messageId, first, in.consumeRemainingAsBytes());
    }

    /** Delivers the datagram to the responder, then fires the timers it armed (clock advanced to each deadline). */
    private static void feed(EnginePeers p, byte[] datagram) {
        List<EngineOutput> out = p.responder.engine.handle(
                new EngineInput.DatagramReceived(EnginePeers.RESPONDER, EnginePeers.INITIATOR, datagram));
        check(p, out);
        List<EngineOutput.StartTimer> timers = new ArrayList<>(out.stream()
                .filter(o -> o instanceof EngineOutput.StartTimer).map(o -> (EngineOutput.StartTimer) o).toList());
        timers.sort((a, b) -> a.deadline().compareTo(b.deadline()));
        for (EngineOutput.StartTimer t : timers) {
            if (t.deadline().isAfter(p.clock.now)) p.clock.now = t.deadline();
            check(p, p.responder.engine.handle(new EngineInput.TimerFired(t.id())));
        }
    }

    private static void check(EnginePeers p, List<EngineOutput> out) {
        assertThat(out).isNotNull().doesNotContainNull();
        // the engine's own line (a peer's identity may well contain "internal error")
        assertThat(p.responder.log).noneMatch(l -> l.startsWith("NET [0] input dropped after internal error"));
        for (EngineOutput o : out) {
            switch (o) {
                case EngineOutput.SendDatagram d -> {
                    byte[] data = d.data();
                    assertThat(data.length).isBetween(28, 65_535);
                    DecodeResult r = CODEC.decode(data);
                    assertThat(r).as("engine sent an undecodable datagram").isInstanceOf(DecodeResult.Decoded.class);
                    IkeMessage m = ((DecodeResult.Decoded) r).message();
                    assertThat(MessageRules.validateOuter(m)).as("outer shape of a sent message").isEmpty();
                }
                case EngineOutput.StartTimer t -> assertThat(t.deadline()).isAfterOrEqualTo(p.clock.now);
                default -> { }
            }
        }
        for (IkeSaInfo i : p.responder.engine.listSas()) assertThat(i.state()).isNotNull();
    }
}
