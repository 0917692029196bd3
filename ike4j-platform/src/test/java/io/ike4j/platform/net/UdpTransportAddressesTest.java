package io.ike4j.platform.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.engine.Endpoint;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MOBIKE's platform half: a transport that follows the interfaces binds new addresses and drops vanished ones. */
class UdpTransportAddressesTest {
    @Test
    void followsAddressChanges() throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.1"), lo2 = InetAddress.getByName("127.0.0.2");
        try (UdpTransport t = UdpTransport.open(new TransportConfig(0, 0, List.of()), (l, r, d) -> { }, EspSink.DROP)) {
            assertThat(t.followsInterfaces()).isTrue();
            assertThat(t.syncAddresses(List.of(lo))).containsExactly(lo);
            assertThat(t.localEndpoints()).containsExactlyInAnyOrder(new Endpoint(lo, t.ikePort()), new Endpoint(lo, t.natTraversalPort()));
            assertThat(t.syncAddresses(List.of(lo, lo2))).containsExactly(lo, lo2); // 127/8 is local on Linux
            assertThat(t.natTraversalEndpoint(lo2)).contains(new Endpoint(lo2, t.natTraversalPort()));
            assertThat(t.sendIke(new Endpoint(lo2, t.natTraversalPort()), new Endpoint(lo, t.natTraversalPort()), new byte[40])).isTrue();
            assertThat(t.syncAddresses(List.of(lo2))).containsExactly(lo2);
            assertThat(t.ikeEndpoint(lo)).isEmpty();
        }
    }

    @Test
    void aConfiguredTransportKeepsItsChannels() throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        try (UdpTransport t = UdpTransport.open(new TransportConfig(0, 0, List.of(lo)), (l, r, d) -> { }, EspSink.DROP)) {
            assertThat(t.followsInterfaces()).isFalse();
            assertThat(t.syncAddresses(List.of(InetAddress.getByName("127.0.0.3")))).isEmpty();
            assertThat(t.ikeEndpoint(lo)).isPresent();
        }
    }
}
