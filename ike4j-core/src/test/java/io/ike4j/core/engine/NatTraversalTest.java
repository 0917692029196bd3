package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.config.EngineSettings;
import io.ike4j.core.sa.ChildSaSpec;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NatTraversalTest {

    @Test
    void initiatorBehindNatSwitchesTo4500AndSendsKeepalives() throws Exception {
        TwoPeers t = new Configs().peers();
        t.natPublicA = InetAddress.getByName("198.51.100.7");
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(t.b.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        IkeSaInfo a = t.a.engine.listSas().getFirst(), b = t.b.engine.listSas().getFirst();
        assertThat(a.natLocal()).isTrue();
        assertThat(a.natRemote()).isFalse();
        assertThat(b.natRemote()).isTrue();
        assertThat(b.natLocal()).isFalse();
        assertThat(a.local().port()).isEqualTo(4500);
        assertThat(a.remote().port()).isEqualTo(4500);
        assertThat(b.remote()).isEqualTo(new Endpoint(InetAddress.getByName("198.51.100.7"), 44500));
        List<EngineOutput.SendDatagram> sent = t.a.outputs(EngineOutput.SendDatagram.class);
        assertThat(sent.get(0).local().port()).isEqualTo(500);
        assertThat(sent.get(1).local().port()).isEqualTo(4500); // IKE_AUTH already on 4500 (RFC 7296 2.23)
        ChildSaSpec sa = EstablishTest.installed(t.a), sb = EstablishTest.installed(t.b);
        assertThat(sa.udpEncapsulation()).isTrue();
        assertThat(sb.udpEncapsulation()).isTrue();
        assertThat(sb.remote().port()).isEqualTo(44500);
        EstablishTest.assertKeysMatch(sa, sb);

        t.run(Duration.ofSeconds(65));
        assertThat(t.a.outputs(EngineOutput.SendKeepalive.class)).hasSize(3)
                .allSatisfy(k -> assertThat(k.local().port()).isEqualTo(4500));
        assertThat(t.b.outputs(EngineOutput.SendKeepalive.class)).isEmpty();
    }

    @Test
    void roadWarriorBehindNatWithDynamicSelectors() throws Exception {
        Configs c = new Configs();
        c.tsA = "dynamic";          // the road warrior's own (private) address
        c.tsBRemote = "dynamic";    // the gateway accepts the peer's address, which is NATed
        TwoPeers t = c.peers();
        t.natPublicA = InetAddress.getByName("198.51.100.7");
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        assertThat(t.a.events(SaEvent.ChildSaEstablished.class)).hasSize(1);
        assertThat(t.b.engine.listSas().getFirst().children().getFirst().remoteSelectors()).containsExactly("192.0.2.1/32");
    }

    @Test
    void forcedEncapsulationWithoutNat() throws Exception {
        Configs c = new Configs();
        c.encapA = true;
        TwoPeers t = EstablishTest.establish(c);
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(t.a.engine.listSas().getFirst().local().port()).isEqualTo(4500);
        assertThat(t.b.engine.listSas().getFirst().local().port()).isEqualTo(4500);
        assertThat(EstablishTest.installed(t.a).udpEncapsulation()).isTrue();
        assertThat(EstablishTest.installed(t.b).udpEncapsulation()).isTrue();
    }

    @Test
    void noNatStaysOn500() throws Exception {
        Configs c = new Configs();
        c.mobikeA = false; // with MOBIKE the initiator floats to 4500 at IKE_AUTH (RFC 4555 3.1, MobikeTest)
        TwoPeers t = EstablishTest.establish(c);
        IkeSaInfo a = t.a.engine.listSas().getFirst();
        assertThat(a.natLocal() || a.natRemote()).isFalse();
        assertThat(a.local().port()).isEqualTo(500);
        assertThat(EstablishTest.installed(t.a).udpEncapsulation()).isFalse();
        t.run(Duration.ofSeconds(65));
        assertThat(t.a.outputs(EngineOutput.SendKeepalive.class)).isEmpty();
    }

    @Test
    void ephemeralPortsFloatToOurNatTraversalPort() throws Exception {
        Configs c = new Configs();
        c.settingsA = EngineSettings.builder().ikePort(20500).natTraversalPort(24500).build();
        c.portA = 20500;
        TwoPeers t = c.peers();
        t.natPublicA = InetAddress.getByName("198.51.100.7");
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        assertThat(t.a.events(SaEvent.ChildSaEstablished.class)).hasSize(1);
        IkeSaInfo a = t.a.engine.listSas().getFirst(), b = t.b.engine.listSas().getFirst();
        assertThat(a.natLocal()).isTrue();
        assertThat(a.local().port()).isEqualTo(24500); // our NAT-T port, not 4500
        assertThat(a.remote().port()).isEqualTo(4500);  // the peer was on 500: it moves to 4500
        assertThat(b.remote()).isEqualTo(new Endpoint(InetAddress.getByName("198.51.100.7"), 64500));
        List<EngineOutput.SendDatagram> sent = t.a.outputs(EngineOutput.SendDatagram.class);
        assertThat(sent.get(0).local().port()).isEqualTo(20500);
        assertThat(sent.get(1).local().port()).isEqualTo(24500);
        assertThat(sent.get(1).remote().port()).isEqualTo(4500);
        t.run(Duration.ofSeconds(25));
        assertThat(t.a.outputs(EngineOutput.SendKeepalive.class)).isNotEmpty()
                .allSatisfy(k -> assertThat(k.local().port()).isEqualTo(24500));
    }

    @Test
    void peerOnNonStandardPortKeepsItsPortWhenFloating() throws Exception {
        Configs c = new Configs();
        c.settingsB = EngineSettings.builder().ikePort(7000).natTraversalPort(7001).build();
        c.portB = 7000;
        c.remotePortA = 7000;
        TwoPeers t = c.peers();
        t.natPublicA = InetAddress.getByName("198.51.100.7");
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        assertThat(t.a.events(SaEvent.ChildSaEstablished.class)).hasSize(1);
        IkeSaInfo a = t.a.engine.listSas().getFirst();
        assertThat(a.local().port()).isEqualTo(4500);
        assertThat(a.remote().port()).isEqualTo(7000); // not on 500: strongSwan keeps the peer's port
        assertThat(t.a.outputs(EngineOutput.SendDatagram.class).get(1).remote().port()).isEqualTo(7000);
        assertThat(EstablishTest.installed(t.a).udpEncapsulation()).isTrue();
    }

    @Test
    void wildcardLocalAddressUsesTheSourceAddressSelector() throws Exception {
        InetAddress a = InetAddress.getByName("192.0.2.1"), b = InetAddress.getByName("192.0.2.2");
        Configs c = new Configs();
        c.localAddrsA = "%any";
        List<InetAddress> asked = new java.util.ArrayList<>();
        c.sourceA = destination -> {
            asked.add(destination);
            return destination.equals(b) ? java.util.Optional.of(a) : java.util.Optional.empty();
        };
        TwoPeers t = c.peers();
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        assertThat(t.a.outputs(EngineOutput.SendDatagram.class).getFirst().local()).isEqualTo(new Endpoint(a, 500));
        t.run(Duration.ofSeconds(1));
        assertThat(asked).containsExactly(b);
        IkeSaInfo info = t.a.engine.listSas().getFirst();
        assertThat(info.natLocal() || info.natRemote()).isFalse(); // the NAT-D hash carried our real address
        assertThat(info.local()).isEqualTo(new Endpoint(a, 4500)); // MOBIKE floats at IKE_AUTH (RFC 4555 3.1)
        assertThat(EstablishTest.installed(t.a).udpEncapsulation()).isFalse();
    }

    @Test
    void wildcardLocalAddressWithoutSelectorLooksLikeNat() throws Exception {
        Configs c = new Configs();
        c.localAddrsA = "%any";
        TwoPeers t = c.peers();
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        assertThat(t.a.outputs(EngineOutput.SendDatagram.class).getFirst().local().address().isAnyLocalAddress()).isTrue();
        t.run(Duration.ofSeconds(1));
        // the unchanged default: hashing 0.0.0.0 makes us believe we are behind a NAT
        assertThat(t.a.engine.listSas().getFirst().natLocal()).isTrue();
    }
}
