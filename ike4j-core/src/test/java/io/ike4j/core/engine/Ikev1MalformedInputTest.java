package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Malformed IKEv1 input never throws, never changes established state, and never gets an unauthenticated answer. */
class Ikev1MalformedInputTest {

    private static List<byte[]> capture(TwoPeers t) {
        List<byte[]> seen = new ArrayList<>();
        t.network = p -> {
            seen.add(p.data());
            return List.of(p);
        };
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        return seen;
    }

    private static void feed(TwoPeers t, TwoPeers.Peer p, byte[] d) {
        List<EngineOutput> outs = p.engine.handle(new EngineInput.DatagramReceived(p.address, t.other(p).address, d));
        assertThat(outs).noneMatch(o -> o instanceof EngineOutput.InstallChildSa || o instanceof EngineOutput.RemoveChildSa);
        for (EngineOutput o : outs) { // keep the timers of half-open SAs such input creates
            if (o instanceof EngineOutput.StartTimer st) p.timers.put(st.id(), st.deadline());
            if (o instanceof EngineOutput.CancelTimer ct) p.timers.remove(ct.id());
        }
    }

    /**
     * The established SA is untouched. A changed copy of Main Mode message 1 is a valid new request (unauthenticated
     * by design), so half-open responder SAs may appear: they go with the half-open timeout.
     */
    private static void stillIntact(TwoPeers t) {
        for (TwoPeers.Peer p : List.of(t.a, t.b)) {
            assertThat(p.engine.listSas()).as(p.name).allMatch(s -> s.state().equals("ESTABLISHED") || !s.initiator() && s.children().isEmpty());
            assertThat(p.engine.listSas().stream().filter(s -> s.state().equals("ESTABLISHED"))).as(p.name).singleElement().satisfies(s -> {
                assertThat(s.state()).isEqualTo("ESTABLISHED");
                assertThat(s.children()).hasSize(1);
            });
            assertThat(p.log).as(p.name + " log").noneMatch(l -> l.contains("internal error"));
        }
    }

    @Test
    void truncationsBitFlipsAndGarbageAreHarmless() throws Exception {
        TwoPeers t = new V1Configs().peers();
        List<byte[]> messages = capture(t);
        assertThat(messages).hasSize(9);
        Random rnd = new Random(7);
        for (byte[] m : messages) {
            for (TwoPeers.Peer p : List.of(t.a, t.b)) {
                for (int len = 0; len < m.length; len += 3) feed(t, p, java.util.Arrays.copyOf(m, len));
                for (int i = 0; i < 200; i++) { // one byte changed anywhere, header included
                    byte[] d = m.clone();
                    d[rnd.nextInt(d.length)] ^= (byte) (1 + rnd.nextInt(255));
                    feed(t, p, d);
                }
                byte[] garbage = m.clone(); // a valid header followed by random bytes (garbage after decryption)
                for (int i = 28; i < garbage.length; i++) garbage[i] = (byte) rnd.nextInt();
                feed(t, p, garbage);
            }
        }
        stillIntact(t);
        t.network = p -> List.of();
        t.run(Duration.ofSeconds(31));
        assertThat(t.a.engine.listSas()).hasSize(1);
        assertThat(t.b.engine.listSas()).hasSize(1);
        // and the SA still works: a second Quick Mode succeeds
        t.network = List::of;
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        assertThat(t.b.outputs(EngineOutput.InstallChildSa.class)).hasSize(2);
    }

    @Test
    void randomDatagramsWithVersionOneNeverThrow() throws Exception {
        TwoPeers t = new V1Configs().peers();
        capture(t);
        Random rnd = new Random(11);
        for (int i = 0; i < 3000; i++) {
            byte[] d = new byte[28 + rnd.nextInt(300)];
            rnd.nextBytes(d);
            d[17] = 0x10;
            d[18] = (byte) new int[] {2, 4, 5, 32, 6, 1}[rnd.nextInt(6)];
            d[19] = (byte) rnd.nextInt(2);
            int len = rnd.nextInt(4) == 0 ? rnd.nextInt(1000) : d.length;
            d[24] = (byte) (len >>> 24);
            d[25] = (byte) (len >>> 16);
            d[26] = (byte) (len >>> 8);
            d[27] = (byte) len;
            feed(t, rnd.nextBoolean() ? t.a : t.b, d);
        }
        stillIntact(t);
    }

    @Test
    void quickModeWithAWrongHashIsDropped() throws Exception {
        TwoPeers t = V1Configs.establish(new V1Configs(), true);
        // b receives a Quick Mode message 1 whose HASH(1) does not match: nothing installed, nothing answered
        t.network = p -> {
            byte[] d = p.data().clone();
            d[d.length - 1] ^= 0x55;
            return List.of(new TwoPeers.Packet(p.from(), p.to(), p.src(), p.dst(), d));
        };
        int before = t.b.outputs(EngineOutput.SendDatagram.class).size();
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.flush();
        assertThat(t.b.outputs(EngineOutput.SendDatagram.class)).hasSize(before);
        assertThat(t.b.outputs(EngineOutput.InstallChildSa.class)).hasSize(1);
        stillIntact(t);
    }
}
