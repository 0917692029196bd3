package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.config.ConnectionConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * IKEv1 reauthentication by a peer that runs a new Main Mode only (strongSwan 5.9 does so and moves its IPsec SAs to
 * the new ISAKMP SA): when the old ISAKMP SA expires or is deleted, its IPsec SAs are adopted by the new one, not
 * removed from the data plane.
 */
class Ikev1PeerReauthTest {

    /** a runs a second Main Mode without Quick Mode and without INITIAL-CONTACT, as a reauthenticating strongSwan does. */
    private static TwoPeers reauthenticatedWithoutQuickMode() throws Exception {
        V1Configs c = new V1Configs();
        c.uniqueA = ConnectionConfig.Unique.NEVER;
        TwoPeers t = V1Configs.establish(c, true);
        t.input(t.a, new EngineInput.Initiate("gw", "no-quick-mode")); // no such child: Phase 1 only
        t.settle();
        for (TwoPeers.Peer p : List.of(t.a, t.b)) {
            assertThat(p.events(SaEvent.IkeSaEstablished.class)).as(p.name).hasSize(2);
            assertThat(p.engine.listSas()).as(p.name).hasSize(2);
            assertThat(p.outputs(EngineOutput.InstallChildSa.class)).as(p.name).hasSize(1);
        }
        return t;
    }

    private static long oldest(TwoPeers.Peer p) {
        return p.engine.listSas().stream().mapToLong(IkeSaInfo::ikeSaId).min().orElseThrow();
    }

    private static long newest(TwoPeers.Peer p) {
        return p.engine.listSas().stream().mapToLong(IkeSaInfo::ikeSaId).max().orElseThrow();
    }

    @Test
    void ipsecSaOfAnExpiringIsakmpSaIsAdoptedByTheNewOneAndItsDeleteFindsIt() throws Exception {
        TwoPeers t = reauthenticatedWithoutQuickMode();
        long oldB = oldest(t.b), newB = newest(t.b), oldA = oldest(t.a), newA = newest(t.a);
        long childB = t.b.outputs(EngineOutput.InstallChildSa.class).getFirst().spec().childSaId();
        assertThat(t.b.outputs(EngineOutput.InstallChildSa.class).getFirst().spec().ikeSaId()).isEqualTo(oldB);

        // b's old ISAKMP SA reaches its lifetime: it is deleted (a follows the Delete), the IPsec SA stays on both sides
        t.b.timers.remove(new TimerId(oldB, TimerId.TimerKind.IKE_EXPIRE, 0));
        t.input(t.b, new EngineInput.TimerFired(new TimerId(oldB, TimerId.TimerKind.IKE_EXPIRE, 0)));
        t.settle();
        for (TwoPeers.Peer p : List.of(t.a, t.b)) {
            long heir = p == t.a ? newA : newB;
            assertThat(p.events(SaEvent.IkeSaClosed.class)).as(p.name).hasSize(1);
            assertThat(p.outputs(EngineOutput.RemoveChildSa.class)).as(p.name).isEmpty();
            assertThat(p.events(SaEvent.ChildSaClosed.class)).as(p.name).isEmpty();
            assertThat(p.events(SaEvent.ChildSaEstablished.class)).as(p.name + ": listeners learn the new owner")
                    .extracting(SaEvent.ChildSaEstablished::ikeSaId).containsExactly(p == t.a ? oldA : oldB, heir);
            assertThat(p.dataPlane.count()).as(p.name).isEqualTo(1);
            // the data plane re-indexes it under the new ISAKMP SA (counters and expiry reports follow)
            var installed = p.outputs(EngineOutput.InstallChildSa.class).getFirst().spec();
            assertThat(p.outputs(EngineOutput.ReassignChildSa.class)).as(p.name).containsExactly(new EngineOutput.ReassignChildSa(
                    p == t.a ? oldA : oldB, heir, installed.childSaId(), installed.inbound().spi(), installed.outbound().spi()));
            assertThat(p.dataPlane.ikeSaIdOf(installed.inbound().spi())).as(p.name).isEqualTo(heir);
            assertThat(p.dataPlane.errors).as(p.name).isEmpty();
            assertThat(p.engine.listSas()).as(p.name).singleElement().satisfies(sa -> {
                assertThat(sa.ikeSaId()).isEqualTo(heir);
                assertThat(sa.children()).singleElement().satisfies(ch -> assertThat(ch.childSaId())
                        .isEqualTo(p.outputs(EngineOutput.InstallChildSa.class).getFirst().spec().childSaId()));
            });
            // the timers moved with it: the child's lifetime is now kept by the new ISAKMP SA
            assertThat(p.timers.keySet()).as(p.name).noneMatch(id -> id.ikeSaId() == (p == t.a ? oldA : oldB))
                    .anyMatch(id -> id.ikeSaId() == heir && id.kind() == TimerId.TimerKind.CHILD_EXPIRE);
        }
        assertThat(t.b.events(SaEvent.IkeSaClosed.class).getFirst().reason()).isEqualTo("lifetime expired");
        assertThat(t.a.events(SaEvent.IkeSaClosed.class).getFirst().reason()).isEqualTo("deleted by peer");

        // a deletes the IPsec SA: the Delete goes out on the new ISAKMP SA, b finds the SPI there and removes it
        long childA = t.a.engine.listSas().getFirst().children().getFirst().childSaId();
        t.input(t.a, new EngineInput.TerminateChild(newA, childA));
        t.settle();
        for (TwoPeers.Peer p : List.of(t.a, t.b)) {
            assertThat(p.outputs(EngineOutput.RemoveChildSa.class)).as(p.name).singleElement().satisfies(rm -> {
                // the data plane knows it under its new ISAKMP SA now
                assertThat(rm.ikeSaId()).isEqualTo(p == t.a ? newA : newB);
                assertThat(rm.childSaId()).isEqualTo(p == t.a ? childA : childB);
            });
            assertThat(p.dataPlane.count()).as(p.name).isZero();
            assertThat(p.dataPlane.errors).as(p.name).isEmpty();
            assertThat(p.engine.listSas()).as(p.name).singleElement().satisfies(sa -> {
                assertThat(sa.state()).isEqualTo("ESTABLISHED");
                assertThat(sa.children()).isEmpty();
            });
        }
        assertThat(t.b.events(SaEvent.ChildSaClosed.class)).singleElement()
                .extracting(SaEvent.ChildSaClosed::reason).isEqualTo("deleted by peer");
    }

    /** b's old ISAKMP SA expires, so both sides move the IPsec SA to their new ISAKMP SA. */
    private static TwoPeers adopted() throws Exception {
        TwoPeers t = reauthenticatedWithoutQuickMode();
        long oldB = oldest(t.b);
        t.b.timers.remove(new TimerId(oldB, TimerId.TimerKind.IKE_EXPIRE, 0));
        t.input(t.b, new EngineInput.TimerFired(new TimerId(oldB, TimerId.TimerKind.IKE_EXPIRE, 0)));
        t.settle();
        return t;
    }

    @Test
    void dataPlaneExpiryOfAnAdoptedIpsecSaNamesItsNewIsakmpSaAndDeletesIt() throws Exception {
        TwoPeers t = adopted();
        long oldB = t.b.outputs(EngineOutput.InstallChildSa.class).getFirst().spec().ikeSaId();
        long newB = newest(t.b);
        long childB = t.b.outputs(EngineOutput.InstallChildSa.class).getFirst().spec().childSaId();

        // an expiry under the old id (as the data plane reported before the re-index) finds nothing
        t.input(t.b, new EngineInput.ChildSaExpired(oldB, childB, true));
        t.settle();
        assertThat(t.b.outputs(EngineOutput.RemoveChildSa.class)).isEmpty();

        // the kernel's hard expiry names the new ISAKMP SA: b deletes the IPsec SA and tells a
        t.input(t.b, new EngineInput.ChildSaExpired(newB, childB, true));
        t.settle();
        for (TwoPeers.Peer p : List.of(t.a, t.b)) {
            assertThat(p.outputs(EngineOutput.RemoveChildSa.class)).as(p.name).singleElement()
                    .extracting(EngineOutput.RemoveChildSa::ikeSaId).isEqualTo(newest(p));
            assertThat(p.dataPlane.count()).as(p.name).isZero();
            assertThat(p.dataPlane.errors).as(p.name).isEmpty();
            assertThat(p.engine.listSas()).as(p.name).singleElement().satisfies(sa -> assertThat(sa.children()).isEmpty());
        }
        assertThat(t.b.events(SaEvent.ChildSaClosed.class)).singleElement().satisfies(c -> {
            assertThat(c.ikeSaId()).isEqualTo(newB);
            assertThat(c.reason()).isEqualTo("byte/packet lifetime expired");
        });
    }

    @Test
    void softDataPlaneExpiryOrARekeyCommandOfAnAdoptedIpsecSaRekeysItOnTheNewIsakmpSa() throws Exception {
        TwoPeers t = adopted();
        long newA = newest(t.a);
        long childA = t.a.engine.listSas().getFirst().children().getFirst().childSaId();
        t.input(t.a, new EngineInput.ChildSaExpired(newA, childA, false));
        t.input(t.a, new EngineInput.RekeyChild(newA, childA)); // a command meanwhile starts no second rekey
        t.settle();
        for (TwoPeers.Peer p : List.of(t.a, t.b)) {
            assertThat(p.outputs(EngineOutput.InstallChildSa.class)).as(p.name).hasSize(2)
                    .last().satisfies(i -> assertThat(i.spec().ikeSaId()).isEqualTo(newest(p)));
            assertThat(p.dataPlane.errors).as(p.name).isEmpty();
            assertThat(p.engine.listSas()).as(p.name).singleElement().satisfies(sa -> assertThat(sa.children())
                    .anySatisfy(c -> assertThat(c.childSaId()).isNotEqualTo(childA)));
        }
    }

    @Test
    void rekeyCommandNamingTheNewIsakmpSaRekeysTheAdoptedIpsecSa() throws Exception {
        TwoPeers t = adopted();
        long childB = t.b.outputs(EngineOutput.InstallChildSa.class).getFirst().spec().childSaId();
        t.input(t.b, new EngineInput.RekeyChild(newest(t.b), childB));
        t.settle();
        for (TwoPeers.Peer p : List.of(t.a, t.b)) {
            assertThat(p.outputs(EngineOutput.InstallChildSa.class)).as(p.name).hasSize(2)
                    .last().satisfies(i -> assertThat(i.spec().ikeSaId()).isEqualTo(newest(p)));
            assertThat(p.dataPlane.errors).as(p.name).isEmpty();
        }
    }

    @Test
    void withoutANewerIsakmpSaTheIpsecSaGoesWithTheExpiringOne() throws Exception {
        TwoPeers t = V1Configs.establish(new V1Configs(), true);
        long ike = oldest(t.b);
        t.b.timers.remove(new TimerId(ike, TimerId.TimerKind.IKE_EXPIRE, 0));
        t.input(t.b, new EngineInput.TimerFired(new TimerId(ike, TimerId.TimerKind.IKE_EXPIRE, 0)));
        t.settle();
        for (TwoPeers.Peer p : List.of(t.a, t.b)) {
            assertThat(p.engine.listSas()).as(p.name).isEmpty();
            assertThat(p.outputs(EngineOutput.RemoveChildSa.class)).as(p.name).hasSize(1);
            assertThat(p.dataPlane.count()).as(p.name).isZero();
        }
    }

    @Test
    void terminatingTheOldIsakmpSaByCommandStillDeletesItsIpsecSa() throws Exception {
        TwoPeers t = reauthenticatedWithoutQuickMode();
        long oldA = oldest(t.a), newB = newest(t.b);
        t.input(t.a, new EngineInput.TerminateIke(oldA)); // ike4j's own delete sends IPsec Deletes too: both remove
        t.settle();
        assertThat(t.b.outputs(EngineOutput.RemoveChildSa.class)).hasSize(1);
        assertThat(t.b.engine.listSas()).singleElement().extracting(IkeSaInfo::ikeSaId).isEqualTo(newB);
    }
}
