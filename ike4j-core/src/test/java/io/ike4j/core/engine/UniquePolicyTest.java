package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.config.ConnectionConfig;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** strongSwan's {@code unique} policies (no, never, keep, replace) and INITIAL_CONTACT only on first contact (RFC 7296 2.4). */
class UniquePolicyTest {

    private static TwoPeers peers(ConnectionConfig.Unique bUnique) throws Exception {
        LifecycleActionsTest.Side a = new LifecycleActionsTest.Side();
        LifecycleActionsTest.Side b = new LifecycleActionsTest.Side();
        b.concreteRemote = false;
        b.unique = bUnique;
        TwoPeers t = new TwoPeers(a.config(true), InetAddress.getByName("192.0.2.1"), b.config(false), InetAddress.getByName("192.0.2.2"));
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        assertThat(t.b.engine.listSas()).hasSize(1);
        return t;
    }

    @Test
    void secondIkeSaToTheSamePeerCarriesNoInitialContactSoUniqueNoKeepsBoth() throws Exception {
        TwoPeers t = peers(ConnectionConfig.Unique.NO);
        t.input(t.a, new EngineInput.Initiate("gw", null));
        t.run(Duration.ofSeconds(1));
        assertThat(t.a.engine.listSas()).hasSize(2);
        assertThat(t.b.engine.listSas()).hasSize(2);
        assertThat(t.b.events(SaEvent.IkeSaClosed.class)).isEmpty();
    }

    @Test
    void uniqueReplaceDeletesTheOlderIkeSa() throws Exception {
        TwoPeers t = peers(ConnectionConfig.Unique.REPLACE);
        long old = t.b.engine.listSas().getFirst().ikeSaId();
        t.input(t.a, new EngineInput.Initiate("gw", null));
        t.run(Duration.ofSeconds(1));
        assertThat(t.b.engine.listSas()).singleElement().satisfies(i -> assertThat(i.ikeSaId()).isNotEqualTo(old));
        assertThat(t.a.engine.listSas()).hasSize(1); // the Delete reached a too
    }

    @Test
    void uniqueKeepAllowsTheSameAddressButRefusesAnother() throws Exception {
        TwoPeers t = peers(ConnectionConfig.Unique.KEEP);
        t.input(t.a, new EngineInput.Initiate("gw", null)); // same address: a reauthentication, allowed
        t.run(Duration.ofSeconds(1));
        assertThat(t.b.engine.listSas()).hasSize(2);
        t.natPublicA = InetAddress.getByName("203.0.113.9"); // the same identity from another address
        t.input(t.a, new EngineInput.Initiate("gw", null));
        t.run(Duration.ofSeconds(1));
        assertThat(t.b.engine.listSas()).hasSize(2);
        assertThat(t.a.events(SaEvent.IkeSaFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.notifyType()).isEqualTo(24)); // AUTHENTICATION_FAILED
    }

    @Test
    void uniqueNeverKeepsEverythingEvenAfterARestart() throws Exception {
        TwoPeers t = peers(ConnectionConfig.Unique.NEVER);
        // a restarts (a fresh engine, so it sends INITIAL_CONTACT); b must keep the old IKE SA anyway
        LifecycleActionsTest.Side a = new LifecycleActionsTest.Side();
        TwoPeers.Peer restarted = t.new Peer("a2", t.a.address, a.config(true), 77);
        java.util.List<EngineOutput> out = restarted.engine.handle(new EngineInput.Initiate("gw", "net"));
        for (int i = 0; i < 2; i++) {
            byte[] req = out.stream().filter(o -> o instanceof EngineOutput.SendDatagram).map(o -> ((EngineOutput.SendDatagram) o).data())
                    .findFirst().orElseThrow();
            java.util.List<EngineOutput> resp = t.b.engine.handle(new EngineInput.DatagramReceived(t.b.address, t.a.address, req));
            byte[] r = resp.stream().filter(o -> o instanceof EngineOutput.SendDatagram).map(o -> ((EngineOutput.SendDatagram) o).data())
                    .findFirst().orElseThrow();
            out = restarted.engine.handle(new EngineInput.DatagramReceived(t.a.address, t.b.address, r));
        }
        assertThat(t.b.engine.listSas()).hasSize(2);
    }
}
