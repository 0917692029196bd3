package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RFC 7296 2.8.1, 2.8.2, 2.25: both peers rekey (or delete) the same SA at once, in every order the messages can
 * arrive. Exactly one SA survives on both sides, the peers agree on it, nothing leaks (engine tables, data plane),
 * and at every step each peer sends on an SA the other has installed inbound (no packet lost).
 */
class RekeyCollisionTest {

    /** How the two crossing requests and their answers arrive. */
    enum Order {
        /** Each peer sees the other's request before the answer to its own (the usual crossing). */
        REQUESTS_FIRST,
        /** A gets the answer to its request before B's request; B sees A's request first. */
        A_ANSWERED_FIRST,
        /** The mirror image. */
        B_ANSWERED_FIRST
    }

    static TwoPeers established() throws Exception {
        TwoPeers t = EstablishTest.establish(new Configs());
        t.checkTraffic = true;
        return t;
    }

    static long ikeId(TwoPeers.Peer p) {
        return p.engine.listSas().getFirst().ikeSaId();
    }

    static long childId(TwoPeers.Peer p) {
        return p.engine.listSas().getFirst().children().getFirst().childSaId();
    }

    /** Delivers the two crossing requests (A's first in flight) and everything that follows, in {@code order}. */
    static void cross(TwoPeers t, Order order) {
        switch (order) {
            case REQUESTS_FIRST -> { }
            case A_ANSWERED_FIRST -> {
                assertThat(t.deliver(t.a, false)).isTrue(); // A's request reaches B, which has sent its own
                assertThat(t.deliver(t.b, true)).isTrue(); // B's answer reaches A before B's request
            }
            case B_ANSWERED_FIRST -> {
                assertThat(t.deliver(t.b, false)).isTrue();
                assertThat(t.deliver(t.a, true)).isTrue();
            }
        }
        t.run(Duration.ofSeconds(90)); // retries after TEMPORARY_FAILURE, retired SAs' lifetime
    }

    /** One IKE SA with {@code children} CHILD_SAs on both sides, the same SPIs, and nothing else anywhere. */
    static void assertConsistent(TwoPeers t, int children) {
        IkeSaInfo a = t.a.engine.listSas().getFirst(), b = t.b.engine.listSas().getFirst();
        assertThat(t.a.engine.listSas()).hasSize(1);
        assertThat(t.b.engine.listSas()).hasSize(1);
        assertThat(a.initiatorSpi()).isEqualTo(b.initiatorSpi());
        assertThat(a.responderSpi()).isEqualTo(b.responderSpi());
        assertThat(a.children()).hasSize(children);
        assertThat(b.children()).hasSize(children);
        for (int i = 0; i < children; i++) {
            assertThat(a.children().get(i).spiIn()).isEqualTo(b.children().get(i).spiOut());
            assertThat(a.children().get(i).spiOut()).isEqualTo(b.children().get(i).spiIn());
            assertThat(a.children().get(i).state()).isEqualTo("INSTALLED");
        }
        for (TwoPeers.Peer p : List.of(t.a, t.b)) {
            assertThat(p.dataPlane.count()).as("%s data plane SAs", p.name).isEqualTo(children);
            assertThat(p.dataPlane.errors).isEmpty();
            assertThat(TwoPeers.tableSizes(p)).as("%s IKE SAs, inbound SPIs", p.name).containsExactly(1, children);
            assertThat(p.log).noneMatch(l -> l.contains("internal error"));
        }
        assertThat(t.trafficErrors).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Order.class)
    void simultaneousChildRekeysLeaveOneNewChildSa(Order order) throws Exception {
        TwoPeers t = established();
        int lostA = 0, lostB = 0;
        for (int round = 0; round < 8; round++) {
            int before = t.a.dataPlane.outboundSpi();
            t.input(t.a, new EngineInput.RekeyChild(ikeId(t.a), childId(t.a)));
            t.input(t.b, new EngineInput.RekeyChild(ikeId(t.b), childId(t.b)));
            cross(t, order);
            assertConsistent(t, 1);
            assertThat(t.a.dataPlane.outboundSpi()).isNotEqualTo(before);
            lostA = (int) t.a.log.stream().filter(l -> l.contains("collision lost")).count();
            lostB = (int) t.b.log.stream().filter(l -> l.contains("collision lost")).count();
        }
        for (TwoPeers.Peer p : List.of(t.a, t.b)) {
            List<SaEvent.ChildSaRekeyed> rekeys = p.events(SaEvent.ChildSaRekeyed.class);
            assertThat(rekeys).hasSize(8);
            assertThat(rekeys.getLast().info().spiIn()).isEqualTo(p.engine.listSas().getFirst().children().getFirst().spiIn());
        }
        if (order == Order.REQUESTS_FIRST) { // the nonces decided: each side lost some rounds
            assertThat(lostA).isPositive();
            assertThat(lostB).isPositive();
            assertThat(lostA + lostB).isEqualTo(8);
        } else {
            assertThat(t.a.log.stream().anyMatch(l -> l.contains("TEMPORARY_FAILURE"))
                    || t.b.log.stream().anyMatch(l -> l.contains("TEMPORARY_FAILURE"))).isFalse(); // no retry needed
        }
    }

    @ParameterizedTest
    @EnumSource(Order.class)
    void simultaneousIkeRekeysLeaveOneIkeSaWithTheChildSas(Order order) throws Exception {
        TwoPeers t = established();
        int childSpi = t.a.dataPlane.outboundSpi();
        for (int round = 0; round < 6; round++) {
            long before = t.a.engine.listSas().getFirst().initiatorSpi();
            t.input(t.a, new EngineInput.RekeyIke(ikeId(t.a), false));
            t.input(t.b, new EngineInput.RekeyIke(ikeId(t.b), false));
            cross(t, order);
            assertConsistent(t, 1);
            assertThat(t.a.engine.listSas().getFirst().initiatorSpi()).isNotEqualTo(before);
            assertThat(t.a.dataPlane.outboundSpi()).isEqualTo(childSpi); // the CHILD_SAs moved to the surviving IKE SA
        }
        for (TwoPeers.Peer p : List.of(t.a, t.b)) {
            assertThat(p.events(SaEvent.IkeSaClosed.class)).isEmpty();
            assertThat(p.outputs(EngineOutput.RemoveChildSa.class)).isEmpty();
            assertThat(p.events(SaEvent.IkeSaRekeyed.class)).hasSize(6);
        }
        if (order == Order.REQUESTS_FIRST) {
            assertThat(t.a.log).anyMatch(l -> l.contains("IKE_SA rekey collision lost"));
            assertThat(t.b.log).anyMatch(l -> l.contains("IKE_SA rekey collision lost"));
        }
        // the surviving IKE SA derives working CHILD_SA keys and deletes cleanly
        t.input(t.b, new EngineInput.RekeyChild(ikeId(t.b), childId(t.b)));
        t.run(Duration.ofSeconds(5));
        assertConsistent(t, 1);
        EstablishTest.assertKeysMatch(t.a.outputs(EngineOutput.InstallChildSa.class).getLast().spec(),
                t.b.outputs(EngineOutput.InstallChildSa.class).getLast().spec());
        t.input(t.a, new EngineInput.TerminateIke(ikeId(t.a)));
        t.run(Duration.ofSeconds(5));
        assertThat(t.a.engine.listSas()).isEmpty();
        assertThat(t.b.engine.listSas()).isEmpty();
        assertThat(TwoPeers.tableSizes(t.a)).containsExactly(0, 0);
        assertThat(TwoPeers.tableSizes(t.b)).containsExactly(0, 0);
    }

    /**
     * Regression (found by Ike4jFaultInteropTest on a lossy link): the CHILD_SA rekeys cross, B's completes first and
     * B, having won, deletes the old CHILD_SA; that Delete reaches A before the (delayed) answer to A's own rekey. A
     * must still resolve the collision when that answer arrives (RFC 7296 2.8.1): when A's exchange had the lowest
     * nonce, A deletes its redundant new CHILD_SA. A used to forget the collision with the old SA and keep both new
     * CHILD_SAs, a duplicate that both sides then rekeyed forever.
     */
    @Test
    void peerDeletingTheOldChildSaBeforeOurRekeyIsAnsweredStillResolvesTheCollision() throws Exception {
        TwoPeers t = established();
        int aLost = 0;
        for (int round = 0; round < 8; round++) {
            t.input(t.a, new EngineInput.RekeyChild(ikeId(t.a), childId(t.a)));
            t.input(t.b, new EngineInput.RekeyChild(ikeId(t.b), childId(t.b)));
            assertThat(t.deliver(t.b, false)).isTrue(); // B's rekey reaches A: A answers, its own is in flight
            assertThat(t.deliver(t.a, false)).isTrue(); // A's rekey reaches B: B answers (held back)
            assertThat(t.deliver(t.a, true)).isTrue(); // A's answer completes B's rekey: B deletes old or its redundant SA
            assertThat(t.deliver(t.b, false)).isTrue(); // that Delete reaches A before the answer to A's rekey
            t.run(Duration.ofSeconds(90));
            assertConsistent(t, 1);
            aLost = (int) t.a.log.stream().filter(l -> l.contains("collision lost")).count();
        }
        assertThat(aLost).as("rounds A's exchange lost (the case of the regression)").isPositive();
    }

    @ParameterizedTest
    @EnumSource(Order.class)
    void childRekeyCrossingItsDeleteLeavesNoChildSa(Order order) throws Exception {
        TwoPeers t = established();
        t.input(t.a, new EngineInput.RekeyChild(ikeId(t.a), childId(t.a)));
        t.input(t.b, new EngineInput.TerminateChild(ikeId(t.b), childId(t.b)));
        cross(t, order);
        assertConsistent(t, 0);
        assertThat(t.a.events(SaEvent.ChildSaFailed.class)).isEmpty();
        for (TwoPeers.Peer p : List.of(t.a, t.b)) assertThat(p.timers.keySet()).noneMatch(k -> k.kind() == TimerId.TimerKind.CHILD_REKEY);
    }

    @ParameterizedTest
    @EnumSource(Order.class)
    void childRekeyCrossingAnIkeRekeyIsRetriedAfterTemporaryFailure(Order order) throws Exception {
        for (boolean childFromA : new boolean[] {true, false}) {
            TwoPeers t = established();
            long ikeSpi = t.a.engine.listSas().getFirst().initiatorSpi();
            int childSpi = t.a.dataPlane.outboundSpi();
            TwoPeers.Peer c = childFromA ? t.a : t.b, i = t.other(c);
            if (childFromA) {
                t.input(t.a, new EngineInput.RekeyChild(ikeId(t.a), childId(t.a)));
                t.input(t.b, new EngineInput.RekeyIke(ikeId(t.b), false));
            } else {
                t.input(t.a, new EngineInput.RekeyIke(ikeId(t.a), false));
                t.input(t.b, new EngineInput.RekeyChild(ikeId(t.b), childId(t.b)));
            }
            cross(t, order);
            assertConsistent(t, 1);
            assertThat(t.a.engine.listSas().getFirst().initiatorSpi()).isNotEqualTo(ikeSpi);
            assertThat(t.a.dataPlane.outboundSpi()).isNotEqualTo(childSpi);
            assertThat(c.events(SaEvent.ChildSaRekeyed.class)).hasSize(1);
            assertThat(i.events(SaEvent.IkeSaRekeyed.class)).hasSize(1);
            assertThat(c.events(SaEvent.ChildSaFailed.class)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Order.class)
    void ikeRekeyCrossingItsDeleteLeavesNothing(Order order) throws Exception {
        TwoPeers t = established();
        t.input(t.a, new EngineInput.RekeyIke(ikeId(t.a), false));
        t.input(t.b, new EngineInput.TerminateIke(ikeId(t.b)));
        cross(t, order);
        for (TwoPeers.Peer p : List.of(t.a, t.b)) {
            assertThat(p.engine.listSas()).isEmpty();
            assertThat(p.dataPlane.count()).isZero();
            assertThat(TwoPeers.tableSizes(p)).containsExactly(0, 0);
            assertThat(p.timers).isEmpty();
        }
    }

    @Test
    void daysOfCollidingRekeysLeakNothingAndLoseNoPacket() throws Exception {
        Configs c = new Configs();
        c.childRekey = Duration.ofMinutes(10);
        c.childRand = Duration.ZERO; // both peers rekey at the same instant: every rekey collides
        c.ikeRekey = Duration.ofMinutes(37);
        c.ikeRand = Duration.ZERO;
        TwoPeers t = EstablishTest.establish(c);
        t.checkTraffic = true;
        t.fireTogether = true;
        for (int hour = 0; hour < 48; hour++) {
            t.run(Duration.ofHours(1));
            assertThat(t.trafficErrors).isEmpty();
        }
        t.run(Duration.ofMinutes(2));
        assertConsistent(t, 1);
        for (TwoPeers.Peer p : List.of(t.a, t.b)) {
            assertThat(p.events(SaEvent.ChildSaRekeyed.class).size()).isGreaterThan(48 * 5);
            assertThat(p.events(SaEvent.IkeSaRekeyed.class).size()).isGreaterThan(48);
            assertThat(p.events(SaEvent.IkeSaClosed.class)).isEmpty();
            assertThat(p.log).anyMatch(l -> l.contains("CHILD_SA rekey collision lost"));
            assertThat(p.log).anyMatch(l -> l.contains("IKE_SA rekey collision"));
        }
    }

    @Test
    void daysOfJitteredRekeysFromBothSidesLeakNothing() throws Exception {
        Configs c = new Configs();
        c.childRekey = Duration.ofMinutes(10);
        c.childRand = Duration.ofMinutes(1);
        c.ikeRekey = Duration.ofMinutes(30);
        c.ikeRand = Duration.ofMinutes(3);
        TwoPeers t = EstablishTest.establish(c);
        t.checkTraffic = true;
        t.run(Duration.ofDays(3));
        t.run(Duration.ofMinutes(2));
        assertConsistent(t, 1);
        for (TwoPeers.Peer p : List.of(t.a, t.b)) {
            assertThat(p.events(SaEvent.ChildSaRekeyed.class).size()).isGreaterThan(72 * 5);
            assertThat(p.events(SaEvent.IkeSaRekeyed.class).size()).isGreaterThan(72);
        }
    }
}
