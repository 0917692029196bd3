package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** swanctl.conf timing: rekey_time with rand_time jitter, hard expiry, byte/packet limits, reauthentication. */
class RekeyTimingTest {

    @Test
    void rekeyTimersAreJitteredWithinRandTimeAndHardExpiryFollows() throws Exception {
        Configs c = new Configs();
        c.childRekey = Duration.ofMinutes(60);
        c.childRand = Duration.ofMinutes(6);
        c.ikeRekey = Duration.ofHours(4);
        c.ikeRand = Duration.ofMinutes(20);
        TwoPeers t = EstablishTest.establish(c);
        Instant start = t.clock.now;
        for (TwoPeers.Peer p : List.of(t.a, t.b)) {
            Instant childRekey = p.timers.entrySet().stream().filter(e -> e.getKey().kind() == TimerId.TimerKind.CHILD_REKEY)
                    .findFirst().orElseThrow().getValue();
            Instant ikeRekey = p.timers.entrySet().stream().filter(e -> e.getKey().kind() == TimerId.TimerKind.IKE_REKEY)
                    .findFirst().orElseThrow().getValue();
            Instant ikeExpire = p.timers.entrySet().stream().filter(e -> e.getKey().kind() == TimerId.TimerKind.IKE_EXPIRE)
                    .findFirst().orElseThrow().getValue();
            assertThat(childRekey).isBetween(start.plus(Duration.ofMinutes(54)), start.plus(Duration.ofMinutes(60)));
            assertThat(ikeRekey).isBetween(start.plus(Duration.ofMinutes(220)), start.plus(Duration.ofMinutes(240)));
            assertThat(ikeExpire).isEqualTo(start.plus(Duration.ofHours(4)).plus(Duration.ofMinutes(24))); // over_time 10%
        }
        assertThat(t.a.timers.get(new TimerId(t.a.engine.listSas().getFirst().ikeSaId(), TimerId.TimerKind.CHILD_REKEY,
                t.a.engine.listSas().getFirst().children().getFirst().childSaId())))
                .isNotEqualTo(t.b.timers.entrySet().stream().filter(e -> e.getKey().kind() == TimerId.TimerKind.CHILD_REKEY)
                        .findFirst().orElseThrow().getValue()); // the jitter differs per peer
    }

    @Test
    void ikeSaThatCannotRekeyDiesAtItsHardLifetime() throws Exception {
        Configs c = new Configs();
        c.ikeRekey = Duration.ofMinutes(30);
        TwoPeers t = EstablishTest.establish(c);
        t.network = p -> p.data()[18] == 36 && (p.data()[19] & 0x20) == 0 ? List.of() : List.of(p); // CREATE_CHILD_SA requests lost
        t.run(Duration.ofMinutes(34));
        assertThat(t.a.engine.listSas()).isEmpty();
        assertThat(t.a.log).anyMatch(l -> l.contains("hard lifetime") || l.contains("did not answer"));
        assertThat(t.a.dataPlane.count()).isZero();
    }

    @Test
    void softByteLimitRekeysAndHardLimitDeletes() throws Exception {
        TwoPeers t = RekeyCollisionTest.established();
        long ike = RekeyCollisionTest.ikeId(t.b);
        long child = RekeyCollisionTest.childId(t.b);
        int spi = t.b.dataPlane.outboundSpi();
        t.input(t.b, new EngineInput.ChildSaExpired(ike, child, false)); // rekey_bytes crossed
        t.run(Duration.ofSeconds(5));
        RekeyCollisionTest.assertConsistent(t, 1);
        assertThat(t.b.dataPlane.outboundSpi()).isNotEqualTo(spi);
        assertThat(t.b.events(SaEvent.ChildSaRekeyed.class)).hasSize(1);
        t.input(t.a, new EngineInput.ChildSaExpired(ike, 9999, true)); // unknown CHILD_SA: nothing
        t.input(t.b, new EngineInput.ChildSaExpired(ike, RekeyCollisionTest.childId(t.b), true)); // life_packets reached
        t.run(Duration.ofSeconds(5));
        RekeyCollisionTest.assertConsistent(t, 0);
    }

    @Test
    void reauthenticationBuildsANewIkeSaBeforeDeletingTheOld() throws Exception {
        Configs c = new Configs();
        c.reauthA = Duration.ofMinutes(30);
        c.ikeRand = Duration.ZERO;
        TwoPeers t = EstablishTest.establish(c);
        long oldA = RekeyCollisionTest.ikeId(t.a), oldB = RekeyCollisionTest.ikeId(t.b);
        t.run(Duration.ofMinutes(31));
        RekeyCollisionTest.assertConsistent(t, 1);
        assertThat(RekeyCollisionTest.ikeId(t.a)).isNotEqualTo(oldA);
        assertThat(RekeyCollisionTest.ikeId(t.b)).isNotEqualTo(oldB);
        SaEvent.IkeSaRekeyed r = t.a.events(SaEvent.IkeSaRekeyed.class).getFirst();
        assertThat(r.reauthenticated()).isTrue();
        assertThat(r.oldIkeSaId()).isEqualTo(oldA);
        // make-before-break: the new CHILD_SA was installed before the old one was removed
        List<EngineOutput> outs = t.a.all;
        int installNew = -1, removeOld = -1;
        for (int i = 0; i < outs.size(); i++) {
            if (outs.get(i) instanceof EngineOutput.InstallChildSa in && in.spec().ikeSaId() != oldA) installNew = i;
            if (outs.get(i) instanceof EngineOutput.RemoveChildSa rm && rm.ikeSaId() == oldA) removeOld = i;
        }
        assertThat(installNew).isPositive().isLessThan(removeOld);
        assertThat(t.b.log).noneMatch(l -> l.contains("INITIAL_CONTACT"));
        // and again, a day later: still one of each
        t.run(Duration.ofDays(1));
        RekeyCollisionTest.assertConsistent(t, 1);
        assertThat(t.a.events(SaEvent.IkeSaRekeyed.class).size()).isGreaterThan(40);
    }
}
