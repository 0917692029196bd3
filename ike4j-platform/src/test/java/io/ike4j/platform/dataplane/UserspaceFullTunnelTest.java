package io.ike4j.platform.dataplane;

import static io.ike4j.platform.dataplane.UserspaceDataPlaneTest.ep;
import static io.ike4j.platform.dataplane.UserspaceDataPlaneTest.ipv4;
import static io.ike4j.platform.dataplane.UserspaceDataPlaneTest.keys;
import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import io.ike4j.core.crypto.RandomSource;
import io.ike4j.core.proposal.ProtocolId;
import io.ike4j.core.sa.ChildSaSpec;
import io.ike4j.platform.dataplane.UserspaceDataPlaneTest.QueueDevice;
import io.ike4j.platform.dataplane.UserspaceDataPlaneTest.Wire;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Full-tunnel selectors (remote 0.0.0.0/0): the default route is not replaced (two /1 halves instead), and the
 * peer gets a host route on its current path first, so the tunnel's own IKE and ESP packets stay outside it.
 */
class UserspaceFullTunnelTest {
    static final TrafficSelectorSubstructure ANY = new TrafficSelectorSubstructure(
            TrafficSelectorSubstructure.TS_IPV4_ADDR_RANGE, 0, 0, 65535, new byte[4],
            new byte[] {(byte) 255, (byte) 255, (byte) 255, (byte) 255});

    /** Records routes and pins in one log, in order. */
    static final class PinningRoutes implements RouteInstaller {
        final List<String> log = new CopyOnWriteArrayList<>();
        volatile boolean hostRouteExists;

        @Override
        public void add(String cidr, Optional<String> source) {
            log.add("add " + cidr + source.map(s -> " src " + s).orElse(""));
        }

        @Override
        public void delete(String cidr) {
            log.add("del " + cidr);
        }

        @Override
        public boolean pinHost(InetAddress host) {
            log.add("pin " + host.getHostAddress());
            return !hostRouteExists;
        }

        @Override
        public void unpinHost(InetAddress host) {
            log.add("unpin " + host.getHostAddress());
        }
    }

    final QueueDevice devA = new QueueDevice();
    final QueueDevice devB = new QueueDevice();
    final PinningRoutes routesA = new PinningRoutes();
    final Wire wireA = new Wire();
    final Wire wireB = new Wire();
    UserspaceDataPlane a;
    UserspaceDataPlane b;

    void start() throws Exception {
        List<InetAddress> hostA = List.of(InetAddress.getByName("192.0.2.1"), InetAddress.getByName("10.1.0.1"));
        List<InetAddress> hostB = List.of(InetAddress.getByName("192.0.2.2"));
        a = UserspaceDataPlane.start(devA, routesA, () -> hostA, wireA, RandomSource.secure(), e -> { }, 4500);
        b = UserspaceDataPlane.start(devB, new UserspaceDataPlaneTest.Routes(), () -> hostB, wireB, RandomSource.secure(),
                e -> { }, 4500);
        wireA.peer = b;
        wireB.peer = a;
    }

    @AfterEach
    void close() {
        if (a != null) a.close();
        if (b != null) b.close();
    }

    /** A: 10.1/16 to everything; B: everything to 10.1/16 (a gateway for A's subnet). */
    static ChildSaSpec fullTunnel(boolean sideA, long child, int spiIn, int spiOut) throws Exception {
        var net = UserspaceDataPlaneTest.NET_A;
        return new ChildSaSpec(1, child, "conn", "child", 1, ProtocolId.ESP, ChildSaSpec.Mode.TUNNEL,
                ep(sideA ? "192.0.2.1" : "192.0.2.2", 500), ep(sideA ? "192.0.2.2" : "192.0.2.1", 500), false, false,
                32, keys(spiIn, sideA ? 2 : 1), keys(spiOut, sideA ? 1 : 2),
                List.of(sideA ? net : ANY), List.of(sideA ? ANY : net), ChildSaSpec.Lifetimes.NONE);
    }

    @Test
    void theDefaultRouteStaysAndThePeerKeepsItsPathWhileTrafficToAnywhereIsTunnelled() throws Exception {
        start();
        a.install(fullTunnel(true, 1, 0xa1, 0xb1));
        b.install(fullTunnel(false, 1, 0xb1, 0xa1));
        assertThat(routesA.log).containsExactly("pin 192.0.2.2", "add 0.0.0.0/1 src 10.1.0.1",
                "add 128.0.0.0/1 src 10.1.0.1");
        assertThat(a.pinnedPeers()).containsEntry(InetAddress.getByName("192.0.2.2"), 1);

        byte[] toInternet = ipv4(new byte[] {10, 1, 0, 1}, new byte[] {(byte) 198, 51, 100, 7}, 6, 120);
        devA.fromKernel.add(toInternet);
        assertThat(devB.next()).isEqualTo(toInternet);

        // a rekey: the second CHILD_SA shares routes and pin; they go with the last one
        a.install(fullTunnel(true, 2, 0xa2, 0xb2));
        assertThat(routesA.log).hasSize(3);
        assertThat(a.remove(1, 1, 0xa1, 0xb1)).isTrue();
        assertThat(routesA.log).hasSize(3);
        assertThat(a.remove(1, 2, 0xa2, 0xb2)).isTrue();
        assertThat(routesA.log.subList(3, 6)).containsExactly("del 0.0.0.0/1", "del 128.0.0.0/1", "unpin 192.0.2.2");
        assertThat(a.pinnedPeers()).isEmpty();
    }

    @Test
    void aHostRouteThatExistedIsLeftAloneAndClosingUnpinsWhatWasAdded() throws Exception {
        start();
        routesA.hostRouteExists = true;
        a.install(fullTunnel(true, 1, 0xa1, 0xb1));
        assertThat(a.remove(1, 1, 0xa1, 0xb1)).isTrue();
        assertThat(routesA.log).doesNotContain("unpin 192.0.2.2");

        routesA.hostRouteExists = false;
        a.install(fullTunnel(true, 2, 0xa2, 0xb2));
        a.close(); // the TUN device takes its routes along; the host route is on another device
        assertThat(routesA.log).last().isEqualTo("unpin 192.0.2.2");
    }

    @Test
    void selectorsThatDoNotCoverThePeerPinNothing() throws Exception {
        start();
        a.install(UserspaceDataPlaneTest.spec(true, 1, 0xa1, 0xb1, ChildSaSpec.Lifetimes.NONE, false));
        assertThat(routesA.log).containsExactly("add 10.2.0.0/16 src 10.1.0.1");
    }
}
