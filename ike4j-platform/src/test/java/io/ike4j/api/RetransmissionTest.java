package io.ike4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.config.EngineSettings;
import io.ike4j.platform.net.EspSink;
import io.ike4j.platform.net.TransportConfig;
import io.ike4j.platform.net.UdpTransport;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetransmissionTest {
    @Test
    void engineSettingsCarryTheBoundEphemeralPorts() throws Exception {
        try (UdpTransport t = UdpTransport.open(TransportConfig.ephemeral(InetAddress.getLoopbackAddress()),
                (local, remote, data) -> { }, EspSink.DROP)) {
            EngineSettings s = new Retransmission(Duration.ofSeconds(2), 1.5, 3).toSettings(t);
            assertThat(s.ikePort()).isEqualTo(t.ikePort()).isNotIn(0, 500);
            assertThat(s.natTraversalPort()).isEqualTo(t.natTraversalPort()).isNotIn(0, 4500);
            assertThat(s.retransmitTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(s.retransmitTries()).isEqualTo(3);
        }
    }

    @Test
    void sourceAddressSelectorAsksTheRoutingTable() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        assertThat(UdpTransport.sourceAddressSelector().sourceFor(loopback)).contains(loopback);
    }
}
