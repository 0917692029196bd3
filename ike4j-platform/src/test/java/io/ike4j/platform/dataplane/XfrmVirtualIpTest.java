package io.ike4j.platform.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ike4j.platform.xfrm.XfrmClient;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Virtual IPs on the XFRM data plane go on the interface towards the peer, once per address. */
class XfrmVirtualIpTest {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final VirtualIpInstaller installer = new VirtualIpInstaller() {
        @Override
        public String interfaceTowards(InetAddress peer) throws IOException {
            if (peer.getHostAddress().equals("203.0.113.9")) throw new IOException("no route");
            return "eth0";
        }

        @Override
        public void add(String device, String cidr) {
            calls.add("add " + cidr + " dev " + device);
        }

        @Override
        public void delete(String device, String cidr) {
            calls.add("del " + cidr + " dev " + device);
        }
    };

    @Test
    void addressGoesOnThePeersInterfaceAndComesOffWithItsLastHolder() throws Exception {
        XfrmDataPlane plane = new XfrmDataPlane(new XfrmClient(new XfrmDataPlaneTest.FakeKernel(), Duration.ofSeconds(1), 1),
                installer);
        InetAddress vip = InetAddress.getByName("10.3.0.1");
        InetAddress peer = InetAddress.getByName("192.0.2.2");
        plane.addVirtualIp(vip, peer);
        plane.addVirtualIp(vip, peer);
        assertThat(plane.removeVirtualIp(vip)).isTrue();
        assertThat(calls).containsExactly("add 10.3.0.1/32 dev eth0");
        assertThat(plane.removeVirtualIp(vip)).isTrue();
        assertThat(plane.removeVirtualIp(vip)).isFalse();
        assertThat(calls).containsExactly("add 10.3.0.1/32 dev eth0", "del 10.3.0.1/32 dev eth0");
        assertThatThrownBy(() -> plane.addVirtualIp(vip, InetAddress.getByName("203.0.113.9")))
                .isInstanceOf(DataPlaneException.class).hasMessageContaining("no route");
        plane.addVirtualIp(InetAddress.getByName("fd00::1"), peer);
        plane.close();
        assertThat(calls).last().isEqualTo("del fd00:0:0:0:0:0:0:1/128 dev eth0");
    }
}
