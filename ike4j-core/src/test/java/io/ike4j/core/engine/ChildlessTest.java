package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.config.ConnectionConfig.Childless;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6023 childless IKE SAs with strongSwan's {@code childless = allow|prefer|force|never}. */
class ChildlessTest {

    private static TwoPeers peers(Childless a, Childless b) throws Exception {
        LifecycleActionsTest.Side sa = new LifecycleActionsTest.Side();
        sa.childless = a;
        LifecycleActionsTest.Side sb = new LifecycleActionsTest.Side();
        sb.concreteRemote = false;
        sb.childless = b;
        return new TwoPeers(sa.config(true), InetAddress.getByName("192.0.2.1"), sb.config(false), InetAddress.getByName("192.0.2.2"));
    }

    private static List<String> children(TwoPeers.Peer p) {
        return p.engine.listSas().stream().flatMap(i -> i.children().stream()).map(ChildSaInfo::name).sorted().toList();
    }

    @Test
    void ikeOnlyInitiationIsChildlessWhenTheResponderSupportsIt() throws Exception {
        TwoPeers t = peers(Childless.ALLOW, Childless.ALLOW);
        t.input(t.a, new EngineInput.Initiate("gw", null));
        t.run(Duration.ofSeconds(1));
        assertThat(t.a.engine.listSas()).singleElement().satisfies(i -> {
            assertThat(i.state()).isEqualTo("ESTABLISHED");
            assertThat(i.children()).isEmpty();
        });
        assertThat(t.b.engine.listSas()).singleElement().satisfies(i -> assertThat(i.children()).isEmpty());
        assertThat(t.a.outputs(EngineOutput.InstallChildSa.class)).isEmpty();
        // the CHILD_SA comes later with CREATE_CHILD_SA (with its own key exchange: PFS)
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        assertThat(children(t.a)).containsExactly("net");
        assertThat(children(t.b)).containsExactly("net");
        assertThat(t.a.engine.listSas().getFirst().children().getFirst().keyExchange()).isEqualTo("CURVE_25519");
    }

    @Test
    void allowStillCreatesTheRequestedChildInIkeAuth() throws Exception {
        TwoPeers t = peers(Childless.ALLOW, Childless.ALLOW);
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        assertThat(children(t.a)).containsExactly("net");
        assertThat(t.a.log).noneMatch(l -> l.contains("childless"));
        assertThat(t.a.engine.listSas().getFirst().children().getFirst().keyExchange()).isEmpty(); // no KE in IKE_AUTH
    }

    @Test
    void forceCreatesTheChildWithCreateChildSaAfterAChildlessIkeAuth() throws Exception {
        TwoPeers t = peers(Childless.FORCE, Childless.FORCE);
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        assertThat(t.a.log).anyMatch(l -> l.contains("initiating childless IKE_SA"));
        assertThat(children(t.a)).containsExactly("net");
        assertThat(children(t.b)).containsExactly("net");
        assertThat(t.a.engine.listSas().getFirst().children().getFirst().keyExchange()).isEqualTo("CURVE_25519");
    }

    @Test
    void preferGoesChildlessEvenWithAChild() throws Exception {
        TwoPeers t = peers(Childless.PREFER, Childless.ALLOW);
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        assertThat(t.a.log).anyMatch(l -> l.contains("initiating childless IKE_SA"));
        assertThat(children(t.b)).containsExactly("net");
    }

    @Test
    void neverOnTheResponderMeansNoAnnouncementSoForceFailsAndPreferFallsBack() throws Exception {
        TwoPeers t = peers(Childless.FORCE, Childless.NEVER);
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofMinutes(1));
        assertThat(t.a.events(SaEvent.IkeSaFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.reason()).contains("childless"));
        assertThat(t.a.engine.listSas()).isEmpty();

        TwoPeers u = peers(Childless.PREFER, Childless.NEVER);
        u.input(u.a, new EngineInput.Initiate("gw", null));
        u.run(Duration.ofSeconds(1));
        assertThat(children(u.a)).containsExactly("net"); // the first CHILD, in IKE_AUTH
    }

    @Test
    void forceOnTheResponderRefusesAChildInIkeAuth() throws Exception {
        TwoPeers t = peers(Childless.NEVER, Childless.FORCE);
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        assertThat(t.a.events(SaEvent.IkeSaFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.notifyType()).isEqualTo(24));
        assertThat(t.b.engine.listSas()).isEmpty();
    }
}
