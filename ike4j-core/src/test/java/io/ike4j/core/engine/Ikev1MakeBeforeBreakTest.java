package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * IKEv1 rekeys and reauthentications lose no packet (issue 8 item 7): at every step each peer's outbound SA is one
 * the other has installed inbound ({@link TwoPeers#checkTraffic}), including the moments a strongSwan-like peer makes
 * dangerous: a Quick Mode responder that installs only when message 3 arrives, and an initiator that deletes the old
 * pair right after message 3 (strongSwan's delete_rekeyed).
 */
class Ikev1MakeBeforeBreakTest {
    /** Quick Mode message 3 (HDR*, HASH(3) only) from {@code from}: exchange type 32, short. */
    private static boolean quickMode3(TwoPeers.Peer from, TwoPeers.Packet p) {
        return p.from() == from && (p.data()[18] & 0xff) == 32 && p.data().length < 120;
    }

    /** Runs for {@code first}, then in 100 ms steps (for at most 20 min) until {@code until} holds. */
    private static void runUntil(TwoPeers t, Duration first, java.util.function.BooleanSupplier until) {
        step(t, first);
        for (int i = 0; i < 12000 && !until.getAsBoolean(); i++) step(t, Duration.ofMillis(100));
        assertThat(until.getAsBoolean()).isTrue();
    }

    /** Fires what is due within {@code d} and moves the clock by {@code d} (run alone stops at the last timer). */
    private static void step(TwoPeers t, Duration d) {
        java.time.Instant end = t.clock.now.plus(d);
        t.run(d);
        if (t.clock.now.isBefore(end)) t.clock.now = end;
    }

    private static void runUntilInstalls(TwoPeers t, TwoPeers.Peer p, int n, Duration first) {
        runUntil(t, first, () -> p.outputs(EngineOutput.InstallChildSa.class).size() >= n);
        assertThat(p.outputs(EngineOutput.InstallChildSa.class)).hasSize(n);
    }

    @Test
    void quickModeRekeyKeepsTrafficFlowingBothWays() throws Exception {
        TwoPeers t = V1Configs.establish(new V1Configs(), true);
        t.checkTraffic = true;
        t.run(Duration.ofMinutes(70)); // a rekeys at 90% of the 66 min life
        assertThat(t.trafficErrors).isEmpty();
        for (TwoPeers.Peer p : List.of(t.a, t.b)) {
            assertThat(p.outputs(EngineOutput.InstallChildSa.class)).as(p.name).hasSize(2);
            assertThat(p.outputs(EngineOutput.RemoveChildSa.class)).as(p.name).hasSize(1);
            assertThat(p.dataPlane.count()).as(p.name).isEqualTo(1);
            assertThat(p.dataPlane.errors).as(p.name).isEmpty();
            assertThat(p.engine.listSas().getFirst().children()).as(p.name).singleElement()
                    .satisfies(c -> assertThat(c.state()).isEqualTo("INSTALLED"));
        }
        int newOut = t.a.outputs(EngineOutput.InstallChildSa.class).get(1).spec().outbound().spi();
        assertThat(t.a.dataPlane.outboundSpi()).isEqualTo(newOut);
        assertThat(t.b.dataPlane.outboundSpi()).isEqualTo(t.b.outputs(EngineOutput.InstallChildSa.class).get(1).spec().outbound().spi());
    }

    @Test
    void initiatorKeepsSendingOnTheOldPairAndKeepsItForAGracePeriod() throws Exception {
        TwoPeers t = V1Configs.establish(new V1Configs(), true);
        int oldOut = t.a.dataPlane.outboundSpi();
        int oldIn = t.a.outputs(EngineOutput.InstallChildSa.class).getFirst().spec().inbound().spi();
        List<TwoPeers.Packet> held = new ArrayList<>();
        t.network = p -> { // a strongSwan-like responder installs only when message 3 arrives: hold it back
            if (!quickMode3(t.a, p)) return List.of(p);
            held.add(p);
            return List.of();
        };
        runUntilInstalls(t, t.a, 2, Duration.ofMinutes(50));
        assertThat(held).isNotEmpty();
        EngineOutput.InstallChildSa fresh = t.a.outputs(EngineOutput.InstallChildSa.class).get(1);
        assertThat(fresh.outboundDeferred()).as("our rekey's outbound waits").isTrue();
        assertThat(t.a.dataPlane.outboundSpi()).as("still sending on the pair the peer surely has").isEqualTo(oldOut);
        assertThat(t.a.dataPlane.hasInbound(oldIn)).as("what the peer sends on the old pair still arrives").isTrue();
        assertThat(t.a.outputs(EngineOutput.RemoveChildSa.class)).isEmpty();
        assertThat(t.a.engine.listSas().getFirst().children()).extracting(ChildSaInfo::state).containsExactly("REKEYED", "INSTALLED");

        t.network = List::of;
        t.inFlight.addAll(held);
        t.flush();
        step(t, Duration.ofMillis(500));
        assertThat(t.a.outputs(EngineOutput.RemoveChildSa.class)).as("within the grace period").isEmpty();
        assertThat(t.b.dataPlane.hasInbound(oldOut)).isTrue();
        t.checkTraffic = true;
        t.run(Duration.ofSeconds(2));
        assertThat(t.trafficErrors).isEmpty();
        assertThat(t.a.outputs(EngineOutput.RemoveChildSa.class)).singleElement()
                .satisfies(r -> assertThat(r.inboundSpi()).isEqualTo(oldIn));
        assertThat(t.a.dataPlane.outboundSpi()).isEqualTo(fresh.spec().outbound().spi());
        assertThat(t.b.dataPlane.hasInbound(oldOut)).as("the Delete reached b").isFalse();
        assertThat(t.a.log).anyMatch(l -> l.contains("rekeyed, deleting it in 1000 ms"));
    }

    @Test
    void responderUsesTheNewOutboundOnceMessage3ArrivesSoAnImmediateDeleteLosesNothing() throws Exception {
        TwoPeers t = V1Configs.establish(new V1Configs(), true);
        int aOldOut = t.a.dataPlane.outboundSpi();
        long aIke = t.a.engine.listSas().getFirst().ikeSaId();
        long aOldChild = t.a.engine.listSas().getFirst().children().getFirst().childSaId();
        List<TwoPeers.Packet> held = new ArrayList<>();
        t.network = p -> {
            if (!quickMode3(t.a, p)) return List.of(p);
            held.add(p);
            return List.of();
        };
        runUntilInstalls(t, t.b, 2, Duration.ofMinutes(50));
        int bNewOut = t.b.outputs(EngineOutput.InstallChildSa.class).get(1).spec().outbound().spi();
        assertThat(t.b.dataPlane.outboundSpi()).as("b defers until a has shown it installed").isNotEqualTo(bNewOut);
        t.network = List::of;
        t.inFlight.addAll(held);
        t.flush(); // message 3 reaches b
        assertThat(t.b.outputs(EngineOutput.ActivateOutbound.class)).singleElement()
                .satisfies(x -> assertThat(x.inboundSpi()).isEqualTo(t.b.outputs(EngineOutput.InstallChildSa.class).get(1).spec().inbound().spi()));
        assertThat(t.b.dataPlane.outboundSpi()).isEqualTo(bNewOut);
        assertThat(t.b.dataPlane.hasInbound(aOldOut)).as("b still takes what a sends on the old pair").isTrue();
        // a strongSwan-like initiator (delete_rekeyed = yes) deletes the old pair at once: b sends nothing on it by now
        t.checkTraffic = true;
        t.input(t.a, new EngineInput.TerminateChild(aIke, aOldChild));
        t.flush();
        assertThat(t.trafficErrors).isEmpty();
        assertThat(t.b.dataPlane.count()).isEqualTo(1);
        assertThat(t.b.dataPlane.errors).isEmpty();
    }

    @Test
    void reauthenticationKeepsTheOldIsakmpSaAndItsPairForAGracePeriod() throws Exception {
        TwoPeers t = V1Configs.establish(new V1Configs(), true);
        // rekey_time 4h: a new Main Mode + Quick Mode (the IPsec SA rekeys every hour meanwhile)
        runUntil(t, Duration.ofHours(3).plusMinutes(50), () -> t.a.engine.listSas().size() == 2
                && t.a.engine.listSas().stream().allMatch(sa -> !sa.children().isEmpty()));
        EngineOutput.InstallChildSa fresh = t.a.outputs(EngineOutput.InstallChildSa.class).getLast();
        assertThat(fresh.spec().ikeSaId()).isNotEqualTo(t.a.outputs(EngineOutput.InstallChildSa.class).getFirst().spec().ikeSaId());
        assertThat(fresh.outboundDeferred()).isTrue();
        // an old pair: the newest of the old ISAKMP SA, or the one before it if that one's own Quick Mode rekey (hourly,
        // with jitter) is still in its grace period
        long oldIkeSaId = t.a.outputs(EngineOutput.InstallChildSa.class).getFirst().spec().ikeSaId();
        List<Integer> oldOuts = t.a.outputs(EngineOutput.InstallChildSa.class).stream().filter(i -> i.spec().ikeSaId() == oldIkeSaId)
                .map(i -> i.spec().outbound().spi()).toList();
        assertThat(oldOuts).as("a sends on an old pair until the grace period ends").contains(t.a.dataPlane.outboundSpi());
        assertThat(t.a.dataPlane.outboundSpi()).isNotEqualTo(fresh.spec().outbound().spi());
        assertThat(t.a.engine.listSas()).hasSize(2);
        assertThat(t.a.events(SaEvent.IkeSaClosed.class)).isEmpty();
        assertThat(t.a.log).anyMatch(l -> l.contains("reauthenticated, deleting it in 1000 ms"));
        t.run(Duration.ofSeconds(2));
        for (TwoPeers.Peer p : List.of(t.a, t.b)) {
            assertThat(p.engine.listSas()).as(p.name).singleElement().satisfies(sa -> assertThat(sa.children()).hasSize(1));
            assertThat(p.dataPlane.count()).as(p.name).isEqualTo(1);
        }
        assertThat(t.a.events(SaEvent.IkeSaClosed.class)).singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo("reauthenticated"));
        assertThat(t.a.dataPlane.outboundSpi()).isEqualTo(fresh.spec().outbound().spi());
    }
}
