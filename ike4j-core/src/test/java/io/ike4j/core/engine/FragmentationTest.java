package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.config.EngineSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 7383: large IKE_AUTH messages travel as SKF fragments when both peers announced support. */
class FragmentationTest {

    private static Configs bigMessages() {
        Configs c = new Configs();
        c.settingsA = EngineSettings.builder().fragmentSize(300).build();
        c.settingsB = EngineSettings.builder().fragmentSize(300).build();
        c.ike = "aes256-sha256-ecp256";
        c.esp = "aes128gcm16,aes256gcm16,aes128-sha256,aes256-sha384,aes128-sha1,aes256-sha512,chacha20poly1305";
        return c;
    }

    private static long ikeAuthDatagrams(TwoPeers.Peer p) {
        return p.outputs(EngineOutput.SendDatagram.class).stream().filter(d -> d.data()[18] == 35).count();
    }

    @Test
    void ikeAuthIsFragmentedAndReassembled() throws Exception {
        TwoPeers t = EstablishTest.establish(bigMessages());
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(t.b.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(ikeAuthDatagrams(t.a)).isGreaterThan(1);
        assertThat(t.a.outputs(EngineOutput.SendDatagram.class)).allSatisfy(d -> assertThat(d.data().length).isLessThanOrEqualTo(272));
        EstablishTest.assertKeysMatch(EstablishTest.installed(t.a), EstablishTest.installed(t.b));
    }

    @Test
    void lostFragmentIsRepairedByRetransmittingAllFragments() throws Exception {
        TwoPeers t = bigMessages().peers();
        boolean[] dropped = {false};
        t.network = p -> {
            // drop the second fragment of the first IKE_AUTH request once
            if (!dropped[0] && p.from() == t.a && p.data()[18] == 35 && p.data()[16] == 53 && p.data()[33] == 2) {
                dropped[0] = true;
                return List.of();
            }
            return List.of(p);
        };
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(30));
        assertThat(dropped[0]).isTrue();
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(t.b.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(t.b.events(SaEvent.ChildSaEstablished.class)).hasSize(1);
    }

    @Test
    void bothSidesLogSplittingAndReassembly() throws Exception {
        TwoPeers t = EstablishTest.establish(bigMessages());
        assertThat(t.a.log).anyMatch(l -> l.matches(".*splitting IKE message \\(\\d+ bytes\\) into \\d+ fragments"));
        assertThat(t.b.log).anyMatch(l -> l.contains("waiting for complete IKE message"))
                .anyMatch(l -> l.contains("reassembled fragmented IKE message"));
    }

    @Test
    void reassemblyBeyondTheLargestAcceptedMessageIsRefused() throws Exception {
        Configs c = bigMessages();
        c.settingsB = EngineSettings.builder().fragmentSize(300).maxMessageSize(300).build();
        TwoPeers t = c.peers();
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(10));
        assertThat(t.b.log).anyMatch(l -> l.contains("dropped: fragmented message exceeds 300 bytes"));
        assertThat(t.b.events(SaEvent.IkeSaEstablished.class)).isEmpty();
    }
}
