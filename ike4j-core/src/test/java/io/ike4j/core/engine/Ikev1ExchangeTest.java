package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IKEv1 loss and retransmission, Informational Delete both ways, DPD (RFC 3706). */
class Ikev1ExchangeTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8})
    void anySingleLostMessageIsRecoveredWithoutDoubleInstall(int lost) throws Exception {
        V1Configs c = new V1Configs();
        TwoPeers t = c.peers();
        t.network = TwoPeers.dropFirst(1, (i, p) -> i == lost);
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(30));
        Ikev1EstablishTest.assertEstablished(t);
        assertThat(t.a.events(SaEvent.ChildSaFailed.class)).isEmpty();
        assertThat(t.b.events(SaEvent.ChildSaFailed.class)).isEmpty();
    }

    @Test
    void duplicatedMessagesAreAnsweredFromTheCache() throws Exception {
        V1Configs c = new V1Configs();
        TwoPeers t = c.peers();
        t.network = p -> List.of(p, p);
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(30));
        Ikev1EstablishTest.assertEstablished(t);
    }

    @Test
    void commitBitFromTheInitiatorIsAcceptedAndAnsweredWithConnected() throws Exception {
        V1Configs c = new V1Configs();
        TwoPeers t = c.peers();
        // RFC 2408 3.1: the flags are not covered by the HASH; set the commit bit on Quick Mode message 1 in flight
        t.network = p -> {
            byte[] d = p.data().clone();
            if (p.from() == t.a && (d[18] & 0xff) == 32 && d.length > 28) d[19] |= 0x02;
            return List.of(new TwoPeers.Packet(p.from(), p.to(), p.src(), p.dst(), d));
        };
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        Ikev1EstablishTest.assertEstablished(t);
        assertThat(t.delivered).isEqualTo(10); // 6 + 3 + the CONNECTED notify (RFC 2409 5.5)
        assertThat(t.a.engine.listSas().getFirst().children()).hasSize(1);
    }

    @Test
    void initiatorRekeysBeforeTheLifetimeAndTheOldSaIsDeleted() throws Exception {
        TwoPeers t = V1Configs.establish(new V1Configs(), true);
        t.run(Duration.ofMinutes(70));
        for (TwoPeers.Peer p : List.of(t.a, t.b)) {
            assertThat(p.outputs(EngineOutput.InstallChildSa.class)).as(p.name).hasSize(2);
            assertThat(p.outputs(EngineOutput.RemoveChildSa.class)).as(p.name).hasSize(1);
            assertThat(p.engine.listSas().getFirst().children()).as(p.name).hasSize(1);
        }
        long newSpi = t.a.outputs(EngineOutput.InstallChildSa.class).get(1).spec().inbound().spi();
        assertThat(t.a.engine.listSas().getFirst().children().getFirst().spiIn()).isEqualTo((int) newSpi);
    }

    @Test
    void initiatorReauthenticatesBeforeTheIsakmpLifetimeMakeBeforeBreak() throws Exception {
        TwoPeers t = V1Configs.establish(new V1Configs(), true);
        long oldCookie = t.a.engine.listSas().getFirst().initiatorSpi();
        t.run(Duration.ofHours(4).plusMinutes(10)); // rekey_time 4h: a new Main Mode + Quick Mode, then the old SA goes
        for (TwoPeers.Peer p : List.of(t.a, t.b)) {
            assertThat(p.events(SaEvent.IkeSaEstablished.class)).as(p.name).hasSize(2);
            assertThat(p.events(SaEvent.IkeSaClosed.class)).as(p.name).hasSize(1);
            assertThat(p.engine.listSas()).as(p.name).singleElement().satisfies(sa -> {
                assertThat(sa.state()).isEqualTo("ESTABLISHED");
                assertThat(sa.initiatorSpi()).isNotEqualTo(oldCookie);
                assertThat(sa.children()).hasSize(1);
            });
        }
        assertThat(t.a.events(SaEvent.IkeSaClosed.class).getFirst().reason()).isEqualTo("reauthenticated");
        assertThat(t.b.events(SaEvent.IkeSaClosed.class).getFirst().reason()).isEqualTo("deleted by peer");
        // make-before-break: the new IPsec SA was installed before the old one was removed
        List<EngineOutput> outs = t.a.all;
        int lastInstall = -1, firstRemoveAfterReauth = -1;
        for (int i = 0; i < outs.size(); i++) {
            if (outs.get(i) instanceof EngineOutput.Notify n && n.event() instanceof SaEvent.IkeSaEstablished e && e.ikeSaId() != 1) {
                for (int k = i; k < outs.size(); k++) {
                    if (outs.get(k) instanceof EngineOutput.InstallChildSa && lastInstall < 0) lastInstall = k;
                    if (outs.get(k) instanceof EngineOutput.RemoveChildSa && firstRemoveAfterReauth < 0) firstRemoveAfterReauth = k;
                }
                break;
            }
        }
        assertThat(lastInstall).isPositive().isLessThan(firstRemoveAfterReauth);
    }

    @Test
    void deleteOfTheIpsecSaReachesThePeer() throws Exception {
        TwoPeers t = V1Configs.establish(new V1Configs(), true);
        long ike = t.a.engine.listSas().getFirst().ikeSaId();
        long child = t.a.engine.listSas().getFirst().children().getFirst().childSaId();
        t.input(t.a, new EngineInput.TerminateChild(ike, child));
        t.settle();
        assertThat(t.a.outputs(EngineOutput.RemoveChildSa.class)).hasSize(1);
        assertThat(t.b.outputs(EngineOutput.RemoveChildSa.class)).singleElement()
                .extracting(EngineOutput.RemoveChildSa::inboundSpi)
                .isEqualTo(t.a.outputs(EngineOutput.RemoveChildSa.class).getFirst().outboundSpi());
        assertThat(t.b.events(SaEvent.ChildSaClosed.class)).hasSize(1);
        assertThat(t.b.engine.listSas().getFirst().children()).isEmpty();
        assertThat(t.b.engine.listSas().getFirst().state()).isEqualTo("ESTABLISHED");
    }

    @Test
    void deleteOfTheIsakmpSaFromTheResponder() throws Exception {
        TwoPeers t = V1Configs.establish(new V1Configs(), true);
        t.input(t.b, new EngineInput.TerminateIke(t.b.engine.listSas().getFirst().ikeSaId()));
        t.settle();
        for (TwoPeers.Peer p : List.of(t.a, t.b)) {
            assertThat(p.engine.listSas()).as(p.name).isEmpty();
            assertThat(p.events(SaEvent.IkeSaClosed.class)).as(p.name).hasSize(1);
            assertThat(p.outputs(EngineOutput.RemoveChildSa.class)).as(p.name).hasSize(1);
        }
    }

    @Test
    void shutdownDeletesEverythingAndTellsThePeer() throws Exception {
        TwoPeers t = V1Configs.establish(new V1Configs(), false);
        t.input(t.a, new EngineInput.Shutdown());
        t.settle();
        assertThat(t.a.engine.listSas()).isEmpty();
        assertThat(t.b.engine.listSas()).isEmpty();
        assertThat(t.b.events(SaEvent.IkeSaClosed.class)).singleElement()
                .extracting(SaEvent.IkeSaClosed::reason).isEqualTo("deleted by peer");
    }

    @Test
    void forgedDeleteWithoutValidHashIsIgnored() throws Exception {
        TwoPeers t = V1Configs.establish(new V1Configs(), true);
        // a Delete sent by a, with one ciphertext byte changed in flight: HASH(1) cannot verify
        t.network = p -> {
            byte[] d = p.data().clone();
            d[d.length - 20] ^= 0x01;
            return List.of(new TwoPeers.Packet(p.from(), p.to(), p.src(), p.dst(), d));
        };
        t.input(t.a, new EngineInput.TerminateIke(t.a.engine.listSas().getFirst().ikeSaId()));
        t.settle();
        assertThat(t.b.engine.listSas()).singleElement().extracting(IkeSaInfo::state).isEqualTo("ESTABLISHED");
        assertThat(t.b.outputs(EngineOutput.RemoveChildSa.class)).isEmpty();
    }

    @Test
    void deadPeerDetectionKeepsALivePeerAndDropsADeadOne() throws Exception {
        V1Configs c = new V1Configs();
        c.dpdA = Duration.ofSeconds(30);
        c.dpdTimeoutA = Duration.ofSeconds(60);
        TwoPeers t = V1Configs.establish(c, true);
        t.run(Duration.ofSeconds(100));
        assertThat(t.a.engine.listSas()).hasSize(1);
        assertThat(String.join("\n", t.a.log)).doesNotContain("DPD");
        int sent = t.b.outputs(EngineOutput.SendDatagram.class).size();
        assertThat(sent).isGreaterThan(3); // Main Mode 2 + Quick Mode 1 + R-U-THERE-ACKs
        t.network = p -> List.of(); // the peer is gone
        t.run(Duration.ofSeconds(200));
        assertThat(t.a.engine.listSas()).isEmpty();
        assertThat(t.a.events(SaEvent.IkeSaClosed.class)).singleElement()
                .extracting(SaEvent.IkeSaClosed::reason).asString().contains("DPD");
    }

    @Test
    void initialContactReplacesTheOldSaOfARestartedPeer() throws Exception {
        V1Configs c = new V1Configs();
        TwoPeers t = V1Configs.establish(c, true);
        // a "restarts": a new engine with the same configuration initiates again, b still has the old SA
        TwoPeers fresh = new TwoPeers(c.a(), java.net.InetAddress.getByName(c.addrA), c.b(), java.net.InetAddress.getByName(c.addrB));
        TwoPeers.Peer restarted = fresh.a;
        List<EngineOutput> outs = restarted.engine.handle(new EngineInput.Initiate("gw", "net"));
        // shuttle by hand between the restarted a and the old b
        java.util.ArrayDeque<Object[]> q = new java.util.ArrayDeque<>();
        outs.stream().filter(o -> o instanceof EngineOutput.SendDatagram).forEach(o -> q.add(new Object[] {restarted, o}));
        int guard = 0;
        while (!q.isEmpty() && guard++ < 50) {
            Object[] e = q.poll();
            EngineOutput.SendDatagram d = (EngineOutput.SendDatagram) e[1];
            boolean toB = e[0] == restarted;
            List<EngineOutput> r = toB ? t.b.engine.handle(new EngineInput.DatagramReceived(d.remote(), d.local(), d.data()))
                    : restarted.engine.handle(new EngineInput.DatagramReceived(d.remote(), d.local(), d.data()));
            if (toB) t.b.all.addAll(r);
            r.stream().filter(o -> o instanceof EngineOutput.SendDatagram).forEach(o -> q.add(new Object[] {toB ? t.b : restarted, o}));
        }
        assertThat(t.b.engine.listSas()).hasSize(1);
        assertThat(t.b.events(SaEvent.IkeSaClosed.class)).singleElement()
                .extracting(SaEvent.IkeSaClosed::reason).asString().contains("INITIAL-CONTACT");
    }
}
