package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.config.EngineSettings;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A flood of IKEv1 Main Mode message 1 (fresh initiator cookies each) found by the adversarial suite: every one kept
 * a half-open ISAKMP SA until the half-open timeout, uncounted and unlimited. The IKEv2 responder's block threshold
 * (per address) and hard half-open limit now apply to IKEv1 responders, and {@code halfOpenCount} includes them.
 */
class Ikev1HalfOpenLimitTest {

    private static List<byte[]> mainModeFirstMessages(TwoPeers t, int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (EngineOutput o : t.a.engine.handle(new EngineInput.Initiate("gw", "net"))) {
                if (o instanceof EngineOutput.SendDatagram s) out.add(s.data());
            }
        }
        return out;
    }

    private static TwoPeers withResponderSettings(EngineSettings settings) throws Exception {
        V1Configs c = new V1Configs();
        EngineConfig b = c.b();
        return new TwoPeers(c.a(), InetAddress.getByName(c.addrA),
                new EngineConfig(b.connections(), b.credentials(), settings, b.pools()), InetAddress.getByName(c.addrB));
    }

    private static int answers(TwoPeers t, List<byte[]> requests) {
        int sent = 0;
        for (byte[] d : requests) {
            sent += (int) t.b.engine.handle(new EngineInput.DatagramReceived(t.b.address, t.a.address, d)).stream()
                    .filter(EngineOutput.SendDatagram.class::isInstance).count();
        }
        return sent;
    }

    @Test
    void blockThresholdPerAddressAppliesToMainMode() throws Exception {
        TwoPeers t = withResponderSettings(EngineSettings.builder().blockThreshold(3).halfOpenLimit(100).build());
        assertThat(answers(t, mainModeFirstMessages(t, 10))).as("MM2 answers").isEqualTo(3);
        assertThat(t.b.engine.halfOpenCount()).isEqualTo(3);
        assertThat(t.b.log).anyMatch(l -> l.contains("ignoring IKEv1 IDENTITY_PROTECTION") && l.contains("block threshold 3"));
    }

    @Test
    void hardHalfOpenLimitAppliesToMainMode() throws Exception {
        TwoPeers t = withResponderSettings(EngineSettings.builder().blockThreshold(0).halfOpenLimit(4).build());
        assertThat(answers(t, mainModeFirstMessages(t, 10))).isEqualTo(4);
        assertThat(t.b.engine.halfOpenCount()).isEqualTo(4);
        assertThat(t.b.log).anyMatch(l -> l.contains("half-open limit 4"));
    }

    @Test
    void aRetransmittedFirstMessageIsStillAnsweredAtTheLimit() throws Exception {
        TwoPeers t = withResponderSettings(EngineSettings.builder().blockThreshold(2).build());
        List<byte[]> m1 = mainModeFirstMessages(t, 2);
        assertThat(answers(t, m1)).isEqualTo(2);
        assertThat(answers(t, m1)).as("retransmissions get the cached MM2").isEqualTo(2);
        assertThat(t.b.engine.halfOpenCount()).isEqualTo(2);
    }
}
