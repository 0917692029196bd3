package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.DecodeResult;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.IkeMessageCodec;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.NotifyPayload;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bad input is normal input: nothing makes the engine fail, established SAs survive, answers only where allowed. */
class MalformedInputTest {
    private static final IkeMessageCodec CODEC = new IkeMessageCodec();

    private static List<EngineOutput> feed(TwoPeers t, TwoPeers.Peer to, byte[] data) {
        TwoPeers.Peer from = t.other(to);
        List<EngineOutput> out = to.engine.handle(new EngineInput.DatagramReceived(to.address, from.address, data));
        for (EngineOutput o : out) { // keep timers, do not forward answers
            if (o instanceof EngineOutput.StartTimer st) to.timers.put(st.id(), st.deadline());
            if (o instanceof EngineOutput.CancelTimer ct) to.timers.remove(ct.id());
        }
        return out;
    }

    /** No internal error; the established SA (the first, id 1 on each side) is intact. Mutated IKE_SA_INIT requests may
     * legitimately open new half-open SAs. */
    private static void assertHealthy(TwoPeers t) {
        for (TwoPeers.Peer p : List.of(t.a, t.b)) {
            assertThat(p.log).noneMatch(l -> l.contains("internal error"));
            assertThat(p.engine.listSas()).filteredOn(i -> i.ikeSaId() == 1).singleElement()
                    .satisfies(i -> assertThat(i.state()).isEqualTo("ESTABLISHED"));
            assertThat(p.engine.listSas()).filteredOn(i -> i.state().equals("ESTABLISHED")).hasSize(1);
        }
    }

    /** Payload boundaries of a datagram: the header end and each payload start in the outer chain. */
    private static List<Integer> boundaries(byte[] d) {
        List<Integer> out = new ArrayList<>();
        int at = 28;
        out.add(at);
        while (at + 4 <= d.length) {
            int len = ((d[at + 2] & 0xff) << 8) | (d[at + 3] & 0xff);
            if (len < 4) break;
            at += len;
            out.add(at);
        }
        return out;
    }

    @Test
    void truncatedAndCorruptedCopiesOfEveryExchangedMessage() throws Exception {
        TwoPeers t = EstablishTest.establish(new Configs());
        List<byte[]> seen = new ArrayList<>();
        t.a.outputs(EngineOutput.SendDatagram.class).forEach(d -> seen.add(d.data()));
        t.b.outputs(EngineOutput.SendDatagram.class).forEach(d -> seen.add(d.data()));
        Random r = new Random(7);
        for (byte[] d : seen) {
            for (TwoPeers.Peer to : List.of(t.a, t.b)) {
                for (int cut : boundaries(d)) {
                    for (int c : new int[] {cut - 1, cut, cut + 1, cut + 5}) {
                        if (c >= 0 && c < d.length) feed(t, to, Arrays.copyOf(d, c));
                    }
                }
                for (int i = 0; i < 200; i++) {
                    byte[] m = d.clone();
                    m[r.nextInt(m.length)] ^= (byte) (1 << r.nextInt(8));
                    feed(t, to, m);
                }
                byte[] garbage = Arrays.copyOf(d, 28 + 64);
                for (int i = 28; i < garbage.length; i++) garbage[i] = (byte) r.nextInt();
                feed(t, to, garbage);
            }
        }
        assertHealthy(t);
        assertThat(t.a.engine.listSas().getFirst().children()).hasSize(1);
        // the half-open SAs created by mutated IKE_SA_INIT requests time out
        t.run(java.time.Duration.ofMinutes(2));
        assertThat(t.b.engine.listSas()).hasSize(1);
    }

    @Test
    void wrongSpisAreDroppedSilently() throws Exception {
        TwoPeers t = EstablishTest.establish(new Configs());
        byte[] auth = t.a.outputs(EngineOutput.SendDatagram.class).get(1).data();
        for (int i : new int[] {0, 8}) {
            byte[] m = auth.clone();
            m[i + 3] ^= 0x55;
            assertThat(feed(t, t.b, m)).isEmpty();
        }
        assertHealthy(t);
    }

    @Test
    void protectedRequestWithBadIntegrityIsDroppedAndRealOneStillWorks() throws Exception {
        TwoPeers t = EstablishTest.establish(new Configs());
        byte[] auth = t.a.outputs(EngineOutput.SendDatagram.class).get(1).data();
        byte[] m = auth.clone();
        m[m.length - 1] ^= 1;
        assertThat(feed(t, t.b, m)).isEmpty();
        // the genuine retransmission gets the cached response
        List<EngineOutput> out = feed(t, t.b, auth);
        assertThat(out).singleElement().isInstanceOf(EngineOutput.SendDatagram.class);
        assertHealthy(t);
    }

    @Test
    void ikeSaInitErrorsAreAnsweredUnprotected() throws Exception {
        TwoPeers t = new Configs().peers();
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        byte[] init = t.a.outputs(EngineOutput.SendDatagram.class).getFirst().data();

        byte[] v3 = init.clone();
        v3[17] = 0x30; // major version 3
        assertThat(answer(feed(t, t.b, v3))).isEqualTo(NotifyType.INVALID_MAJOR_VERSION.value());

        byte[] critical = init.clone();
        critical[16] = 99;   // first payload type: unknown
        critical[29] |= (byte) 0x80; // critical bit
        assertThat(answer(feed(t, t.b, critical))).isEqualTo(NotifyType.UNSUPPORTED_CRITICAL_PAYLOAD.value());

        byte[] shortened = Arrays.copyOf(init, init.length - 3);
        shortened[27] = (byte) shortened.length; // consistent length field, broken last payload
        shortened[26] = (byte) (shortened.length >> 8);
        List<EngineOutput> out = feed(t, t.b, shortened);
        assertThat(out.isEmpty() || answer(out) == NotifyType.INVALID_SYNTAX.value()).isTrue();
        assertThat(t.b.engine.listSas()).isEmpty();
        assertThat(t.b.log).noneMatch(l -> l.contains("internal error"));
    }

    @Test
    void responsesAndRequestsForUnknownSasAreDropped() throws Exception {
        TwoPeers t = new Configs().peers();
        byte[] junk = new byte[100];
        new Random(3).nextBytes(junk);
        junk[17] = 0x20;
        junk[24] = 0;
        junk[25] = 0;
        junk[26] = 0;
        junk[27] = 100;
        assertThat(feed(t, t.b, junk)).isEmpty();
        assertThat(feed(t, t.b, new byte[0])).isEmpty();
        assertThat(feed(t, t.b, new byte[27])).isEmpty();
    }

    private static int answer(List<EngineOutput> out) {
        assertThat(out).singleElement().isInstanceOf(EngineOutput.SendDatagram.class);
        DecodeResult r = CODEC.decode(((EngineOutput.SendDatagram) out.getFirst()).data());
        IkeMessage m = ((DecodeResult.Decoded) r).message();
        assertThat(m.header().response()).isTrue();
        assertThat(m.header().responderSpi()).isZero();
        return m.first(NotifyPayload.class).orElseThrow().notifyType();
    }
}
