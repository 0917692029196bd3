package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.sa.IkeSa;
import io.ike4j.core.sa.IkeSaState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, denial of service: datagrams for an SA that another input holds (a handshake waiting for a CRL download
 * or a RADIUS server) wait in a bounded number; the rest are dropped at once instead of each holding a thread.
 */
class BusySaDatagramTest {
    @Test
    void datagramsBeyondTheBoundForABusySaAreDroppedAndTheWaitingOnesAreServedAfterwards() throws Exception {
        TwoPeers t = new Configs().peers();
        List<TwoPeers.Packet> captured = new ArrayList<>();
        t.network = p -> {
            captured.add(p);
            return List.of();
        };
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        deliver(t, captured.getLast()); // IKE_SA_INIT to b
        deliver(t, captured.getLast()); // its response to a, which sends IKE_AUTH
        TwoPeers.Packet auth = captured.getLast();
        assertThat(auth.from()).isSameAs(t.a);
        IkeSa held = responderSa(t);
        EngineInput.DatagramReceived in = new EngineInput.DatagramReceived(new Endpoint(t.b.address.address(), auth.dst().port()),
                new Endpoint(t.a.address.address(), auth.src().port()), auth.data());

        int copies = 12;
        AtomicInteger returned = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        held.lock().lock(); // another input holds the SA for as long as it likes
        try {
            for (int i = 0; i < copies; i++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    t.b.engine.handle(in);
                    returned.incrementAndGet();
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (returned.get() < copies - IkeEngine.MAX_WAITING_DATAGRAMS && System.nanoTime() < deadline) Thread.sleep(10);
            assertThat(returned).hasValue(copies - IkeEngine.MAX_WAITING_DATAGRAMS);
            assertThat(held.waitingDatagrams).hasValue(IkeEngine.MAX_WAITING_DATAGRAMS);
            assertThat(t.b.log).anyMatch(l -> l.contains("dropped datagram for busy IKE_SA") && l.contains("4 already waiting"));
        } finally {
            held.lock().unlock();
        }
        for (Thread th : threads) th.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(returned).hasValue(copies);
        assertThat(held.waitingDatagrams).hasValue(0);
        assertThat(held.state).isEqualTo(IkeSaState.ESTABLISHED); // the first waiting copy was processed, the rest resent
    }

    private static void deliver(TwoPeers t, TwoPeers.Packet p) {
        t.input(p.to(), new EngineInput.DatagramReceived(new Endpoint(p.to().address.address(), p.dst().port()),
                new Endpoint(p.from().address.address(), p.src().port()), p.data()));
    }

    private static IkeSa responderSa(TwoPeers t) {
        IkeEngine b = (IkeEngine) t.b.engine;
        for (long id = 0; id < 1000; id++) {
            var sa = b.sa(id);
            if (sa.isPresent() && !sa.get().isInitiator()) return sa.get();
        }
        throw new AssertionError("no responder SA");
    }
}
