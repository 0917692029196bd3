package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MOBIKE (RFC 4555) between two engines: negotiation, address changes on either side, NAT appearing, return routability. */
class MobikeTest {
    private MobileNet net;
    private MobileNet.Node a;
    private MobileNet.Node b;

    private void establish(boolean mobikeA) throws Exception {
        Configs c = new Configs();
        c.localAddrsA = "%any"; // a moves between addresses
        c.mobikeA = mobikeA;
        io.ike4j.core.config.EngineConfig configA = c.a();
        c.addrB = "%any"; // b's local_addrs (b moves too); it starts at 192.0.2.2
        net = new MobileNet();
        a = net.node("a", configA, "192.0.2.1");
        b = net.node("b", c.b(), "192.0.2.2");
        net.input(a, new EngineInput.Initiate("gw", "net"));
        net.run(Duration.ofSeconds(1));
        assertThat(a.events(SaEvent.ChildSaEstablished.class)).hasSize(1);
        assertThat(b.events(SaEvent.ChildSaEstablished.class)).hasSize(1);
    }

    private static IkeSaInfo sa(MobileNet.Node n) {
        return n.engine.listSas().getFirst();
    }

    private static Endpoint ep(String ip, int port) throws Exception {
        return new Endpoint(InetAddress.getByName(ip), port);
    }

    @Test
    void negotiatedInIkeAuthAndFloatsTo4500WithoutNat() throws Exception {
        establish(true);
        assertThat(a.logged("peer supports MOBIKE")).isTrue();
        assertThat(sa(a).local()).isEqualTo(ep("192.0.2.1", 4500));
        assertThat(sa(b).remote()).isEqualTo(ep("192.0.2.1", 4500));
        assertThat(sa(a).natLocal() || sa(a).natRemote()).isFalse();
    }

    @Test
    void initiatorMovesAndTheResponderUpdatesIkeAndChildSa() throws Exception {
        establish(true);
        net.readdress(a, "198.51.100.7");
        net.run(Duration.ofSeconds(1));
        assertThat(sa(a).local()).isEqualTo(ep("198.51.100.7", 4500));
        assertThat(sa(b).remote()).isEqualTo(ep("198.51.100.7", 4500));
        EngineOutput.UpdateChildSa atB = b.outputs(EngineOutput.UpdateChildSa.class).getLast();
        assertThat(atB.remote()).isEqualTo(ep("198.51.100.7", 4500));
        assertThat(atB.local()).isEqualTo(ep("192.0.2.2", 4500));
        assertThat(atB.inboundSpi()).isEqualTo(b.outputs(EngineOutput.InstallChildSa.class).getFirst().spec().inbound().spi());
        EngineOutput.UpdateChildSa atA = a.outputs(EngineOutput.UpdateChildSa.class).getLast();
        assertThat(atA.local()).isEqualTo(ep("198.51.100.7", 4500));
        assertThat(atA.udpEncapsulation()).isFalse();
        // the SA still works on the new path: b deletes it, a hears about it
        net.input(b, new EngineInput.TerminateIke(sa(b).ikeSaId()));
        net.run(Duration.ofSeconds(1));
        assertThat(a.events(SaEvent.IkeSaClosed.class)).hasSize(1);
        assertThat(a.events(SaEvent.IkeSaFailed.class)).isEmpty();
    }

    @Test
    void aNatAppearsOnTheNewPath() throws Exception {
        establish(true);
        a.natPublic = InetAddress.getByName("203.0.113.9");
        net.readdress(a, "10.9.0.5");
        net.run(Duration.ofSeconds(1));
        assertThat(sa(a).natLocal()).isTrue();
        assertThat(sa(b).natRemote()).isTrue();
        assertThat(sa(b).remote()).isEqualTo(ep("203.0.113.9", 44500));
        assertThat(b.outputs(EngineOutput.UpdateChildSa.class).getLast().udpEncapsulation()).isTrue();
        assertThat(a.outputs(EngineOutput.UpdateChildSa.class).getLast().udpEncapsulation()).isTrue();
        net.run(Duration.ofSeconds(45)); // behind the NAT now: keepalives (RFC 3948 4)
        assertThat(a.outputs(EngineOutput.SendKeepalive.class)).isNotEmpty();
        assertThat(a.outputs(EngineOutput.SendKeepalive.class).getLast().local()).isEqualTo(ep("10.9.0.5", 4500));
    }

    @Test
    void responderMovesAnnouncesItselfAndTheInitiatorUpdates() throws Exception {
        establish(true);
        net.readdress(b, "192.0.2.20");
        net.run(Duration.ofSeconds(1));
        assertThat(sa(a).remote()).isEqualTo(ep("192.0.2.20", 4500));
        assertThat(sa(b).local().address()).isEqualTo(InetAddress.getByName("192.0.2.20"));
        assertThat(a.outputs(EngineOutput.UpdateChildSa.class)).isNotEmpty();
        assertThat(a.outputs(EngineOutput.UpdateChildSa.class).getLast().remote().address())
                .isEqualTo(InetAddress.getByName("192.0.2.20"));
        assertThat(b.outputs(EngineOutput.UpdateChildSa.class).getLast().local().address())
                .isEqualTo(InetAddress.getByName("192.0.2.20"));
    }

    @Test
    void additionalAddressesAreAnnouncedAndNoUpdateWhileTheAddressStays() throws Exception {
        establish(true);
        net.readdress(a, "192.0.2.1", "198.51.100.8");
        net.run(Duration.ofSeconds(1));
        assertThat(sa(b).remote()).isEqualTo(ep("192.0.2.1", 4500));
        assertThat(b.outputs(EngineOutput.UpdateChildSa.class)).isEmpty();
        assertThat(a.logged("sending address list")).isTrue();
    }

    @Test
    void returnRoutabilityFailsOnADeadPathAndNothingMoves() throws Exception {
        establish(true);
        net.drop = p -> p.src().address().getHostAddress().equals("198.51.100.7")
                || p.dst().address().getHostAddress().equals("198.51.100.7");
        net.readdress(a, "198.51.100.7");
        net.run(Duration.ofSeconds(30));
        assertThat(a.outputs(EngineOutput.UpdateChildSa.class)).isEmpty();
        assertThat(b.outputs(EngineOutput.UpdateChildSa.class)).isEmpty();
        assertThat(sa(b).remote()).isEqualTo(ep("192.0.2.1", 4500));
    }

    @Test
    void withoutMobikeNothingFloatsAndAddressChangesAreIgnored() throws Exception {
        establish(false);
        assertThat(sa(a).local()).isEqualTo(ep("192.0.2.1", 500));
        net.readdress(a, "198.51.100.7");
        net.run(Duration.ofSeconds(1));
        assertThat(a.outputs(EngineOutput.SendDatagram.class).stream()
                .filter(d -> d.local().address().getHostAddress().equals("198.51.100.7")).toList()).isEmpty();
        assertThat(List.of(sa(b).remote())).containsExactly(ep("192.0.2.1", 500));
    }
}
