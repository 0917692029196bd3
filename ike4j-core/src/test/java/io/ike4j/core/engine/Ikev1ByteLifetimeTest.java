package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.sa.ChildSaSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * IKEv1 lifetimes in kilobytes between two in-process peers (RFC 2407 4.5, RFC 2409 5.5): negotiated in Quick Mode,
 * shortened by the responder's RESPONDER-LIFETIME, installed as the data plane's byte limits, and the data plane's
 * byte expiry rekeying (soft, Quick Mode initiator) or deleting (hard) the pair.
 */
class Ikev1ByteLifetimeTest {
    private static ChildSaSpec.Lifetimes installed(TwoPeers.Peer p) {
        return EstablishTest.installed(p).lifetimes();
    }

    @Test
    void kilobyteLifetimeIsNegotiatedAndInstalledOnBothSides() throws Exception {
        V1Configs c = new V1Configs();
        c.childA = x -> x.lifeBytes(2_000_000).rekeyBytes(1_500_000);
        TwoPeers t = V1Configs.establish(c, true);
        Ikev1EstablishTest.assertEstablished(t);
        // a proposes 2000 kilobytes and keeps its exact limit; b takes the initiator's (it has none of its own)
        assertThat(installed(t.a).hardBytes()).isEqualTo(2_000_000);
        assertThat(installed(t.a).softBytes()).isEqualTo(1_500_000);
        assertThat(installed(t.b).hardBytes()).isEqualTo(2_000_000);
        assertThat(installed(t.b).softBytes()).isEqualTo(1_800_000); // 90 %
        assertThat(t.b.log).noneMatch(l -> l.contains("RESPONDER"));
    }

    @Test
    void responderLifetimeNotifyShortensKilobytesAndSeconds() throws Exception {
        V1Configs c = new V1Configs();
        c.childLife = Duration.ofHours(2);
        c.childLifeB = Duration.ofMinutes(30);
        c.childA = x -> x.lifeBytes(10_000_000);
        c.childB = x -> x.lifeBytes(1_000_000);
        TwoPeers t = V1Configs.establish(c, true);
        Ikev1EstablishTest.assertEstablished(t);
        // only RESPONDER-LIFETIME tells a about b's shorter limits: the answer echoes a's transform
        assertThat(installed(t.a).hardBytes()).isEqualTo(1_000_000);
        assertThat(installed(t.a).hardSeconds()).isEqualTo(1800);
        assertThat(installed(t.b).hardBytes()).isEqualTo(1_000_000);
        assertThat(installed(t.b).hardSeconds()).isEqualTo(1800);
    }

    @Test
    void responderWithTheOnlyByteLimitAnnouncesIt() throws Exception {
        V1Configs c = new V1Configs();
        c.childB = x -> x.lifeBytes(500_000).rekeyBytes(400_000);
        TwoPeers t = V1Configs.establish(c, true);
        Ikev1EstablishTest.assertEstablished(t);
        assertThat(installed(t.a).hardBytes()).isEqualTo(500_000);
        assertThat(installed(t.a).softBytes()).isEqualTo(450_000); // a's rekey_bytes is unset: 90 % of b's
        assertThat(installed(t.b).hardBytes()).isEqualTo(500_000);
        assertThat(installed(t.b).softBytes()).isEqualTo(400_000);
        assertThat(installed(t.a).hardSeconds()).isEqualTo(installed(t.b).hardSeconds()); // seconds unchanged
    }

    @Test
    void softByteExpiryMakesTheInitiatorRekeyWithoutLossAndHardExpiryDeletes() throws Exception {
        V1Configs c = new V1Configs();
        c.childA = x -> x.lifeBytes(1_000_000);
        TwoPeers t = V1Configs.establish(c, true);
        t.checkTraffic = true;
        long ike = RekeyCollisionTest.ikeId(t.a);
        long child = RekeyCollisionTest.childId(t.a);
        int oldSpi = t.a.dataPlane.outboundSpi();

        t.input(t.b, new EngineInput.ChildSaExpired(RekeyCollisionTest.ikeId(t.b), RekeyCollisionTest.childId(t.b), false));
        t.run(Duration.ofSeconds(5));
        assertThat(t.b.outputs(EngineOutput.InstallChildSa.class)).as("the responder does not rekey").hasSize(1);
        assertThat(t.b.log).anyMatch(l -> l.contains("the Quick Mode initiator rekeys"));

        t.input(t.a, new EngineInput.ChildSaExpired(ike, child, false)); // outbound crossed its soft limit
        t.input(t.a, new EngineInput.ChildSaExpired(ike, child, false)); // and the inbound direction too: one rekey
        t.run(Duration.ofSeconds(5));
        assertThat(t.a.outputs(EngineOutput.InstallChildSa.class)).hasSize(2);
        assertThat(t.b.outputs(EngineOutput.InstallChildSa.class)).hasSize(2);
        assertThat(t.a.outputs(EngineOutput.InstallChildSa.class).getLast().spec().lifetimes().hardBytes()).isEqualTo(1_000_000);
        assertThat(t.a.dataPlane.outboundSpi()).isNotEqualTo(oldSpi);
        assertThat(t.a.dataPlane.count()).isEqualTo(1);
        assertThat(t.b.dataPlane.count()).isEqualTo(1);
        // no traffic lost beyond what a Quick Mode rekey at the soft seconds limit loses (the replaced pair's grace
        // period is QuickModeInstall's concern, not the trigger's)
        assertThat(t.trafficErrors).hasSizeLessThanOrEqualTo(timerRekeyTrafficErrors());
        assertThat(t.a.dataPlane.errors).isEmpty();
        assertThat(t.b.dataPlane.errors).isEmpty();

        t.input(t.a, new EngineInput.ChildSaExpired(ike, child, false)); // the replaced pair's late report: nothing
        t.input(t.a, new EngineInput.ChildSaExpired(ike, 9999, true)); // unknown pair: nothing
        t.run(Duration.ofSeconds(5));
        assertThat(t.a.outputs(EngineOutput.InstallChildSa.class)).hasSize(2);

        long fresh = RekeyCollisionTest.childId(t.a);
        t.input(t.a, new EngineInput.ChildSaExpired(ike, fresh, true)); // life_bytes reached
        t.run(Duration.ofSeconds(5));
        assertThat(t.a.dataPlane.count()).isZero();
        assertThat(t.b.dataPlane.count()).as("the Delete reached b").isZero();
        assertThat(t.a.engine.listSas()).singleElement().satisfies(sa -> assertThat(sa.children()).isEmpty());
        assertThat(t.a.log).anyMatch(l -> l.contains("hard byte/packet limit"));
    }

    /** Traffic errors of the same setup rekeyed at its soft seconds limit instead. */
    private static int timerRekeyTrafficErrors() throws Exception {
        V1Configs c = new V1Configs();
        c.childA = x -> x.lifeBytes(1_000_000);
        TwoPeers t = V1Configs.establish(c, true);
        t.checkTraffic = true;
        t.run(Duration.ofMinutes(62)); // 90 % of the 66 min life
        assertThat(t.a.outputs(EngineOutput.InstallChildSa.class)).hasSize(2);
        return t.trafficErrors.size();
    }

    @Test
    void anAdoptedPairReportedUnderItsOldIsakmpSaIsFound() throws Exception {
        V1Configs c = new V1Configs();
        c.uniqueA = io.ike4j.core.config.ConnectionConfig.Unique.NEVER;
        TwoPeers t = V1Configs.establish(c, true);
        t.input(t.a, new EngineInput.Initiate("gw", "no-quick-mode")); // a second Main Mode only, as strongSwan reauthenticates
        t.settle();
        long oldB = t.b.outputs(EngineOutput.InstallChildSa.class).getFirst().spec().ikeSaId();
        long childB = t.b.outputs(EngineOutput.InstallChildSa.class).getFirst().spec().childSaId();
        TimerId expire = new TimerId(oldB, TimerId.TimerKind.IKE_EXPIRE, 0);
        t.b.timers.remove(expire);
        t.input(t.b, new EngineInput.TimerFired(expire)); // the pair moves to the new ISAKMP SA
        t.settle();
        assertThat(t.b.engine.listSas()).singleElement().satisfies(sa -> assertThat(sa.children()).hasSize(1));
        // the data plane knows the pair under the ISAKMP SA it was installed with
        t.input(t.b, new EngineInput.ChildSaExpired(oldB, childB, true));
        t.settle();
        assertThat(List.of(t.a, t.b)).allSatisfy(p -> {
            assertThat(p.dataPlane.count()).as(p.name).isZero();
            assertThat(p.engine.listSas()).as(p.name).singleElement().satisfies(sa -> assertThat(sa.children()).isEmpty());
        });
    }

    @Test
    void hardByteExpiryOnTheResponderDeletesThePairOnBothSides() throws Exception {
        V1Configs c = new V1Configs();
        c.childB = x -> x.lifeBytes(300_000);
        TwoPeers t = V1Configs.establish(c, true);
        t.input(t.b, new EngineInput.ChildSaExpired(RekeyCollisionTest.ikeId(t.b), RekeyCollisionTest.childId(t.b), true));
        t.run(Duration.ofSeconds(5));
        assertThat(t.b.dataPlane.count()).isZero();
        assertThat(t.a.dataPlane.count()).isZero();
        assertThat(List.of(t.a, t.b)).allSatisfy(p -> assertThat(p.engine.listSas()).singleElement()
                .satisfies(sa -> assertThat(sa.children()).isEmpty()));
    }
}
