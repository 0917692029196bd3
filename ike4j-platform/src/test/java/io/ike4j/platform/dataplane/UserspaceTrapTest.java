package io.ike4j.platform.dataplane;

import static io.ike4j.platform.dataplane.UserspaceDataPlaneTest.NET_A;
import static io.ike4j.platform.dataplane.UserspaceDataPlaneTest.NET_B;
import static io.ike4j.platform.dataplane.UserspaceDataPlaneTest.awaitTrue;
import static io.ike4j.platform.dataplane.UserspaceDataPlaneTest.ipv4;
import static io.ike4j.platform.dataplane.UserspaceDataPlaneTest.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.crypto.RandomSource;
import io.ike4j.core.engine.TrapPolicy;
import io.ike4j.core.sa.ChildSaSpec;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Trap policies of the user-space data plane: routes, acquires for unprotected matching packets, precedence of SAs. */
class UserspaceTrapTest {
    final UserspaceDataPlaneTest.QueueDevice dev = new UserspaceDataPlaneTest.QueueDevice();
    final UserspaceDataPlaneTest.Routes routes = new UserspaceDataPlaneTest.Routes();
    final List<Integer> sent = new CopyOnWriteArrayList<>();
    final io.ike4j.platform.net.EspSender wire = new io.ike4j.platform.net.EspSender() {
        @Override
        public boolean sendEsp(io.ike4j.core.engine.Endpoint local, io.ike4j.core.engine.Endpoint remote, byte[] p, int off, int len) {
            sent.add(len);
            return true;
        }

        @Override
        public int natTraversalPort() {
            return 4500;
        }
    };
    final List<String> acquires = new CopyOnWriteArrayList<>();
    UserspaceDataPlane plane;

    @AfterEach
    void close() {
        if (plane != null) plane.close();
    }

    private TrapPolicy trap() throws Exception {
        return new TrapPolicy("gw", "net", ChildSaSpec.Mode.TUNNEL, InetAddress.getByName("192.0.2.1"),
                InetAddress.getByName("192.0.2.2"), List.of(NET_A), List.of(NET_B));
    }

    @Test
    void matchingPacketWithoutSaRaisesOneAcquireAndRoutesAreShared() throws Exception {
        List<InetAddress> host = List.of(InetAddress.getByName("192.0.2.1"), InetAddress.getByName("10.1.0.1"));
        plane = UserspaceDataPlane.start(dev, routes, () -> host, wire, RandomSource.secure(), e -> { }, 4500);
        plane.acquireListener((c, ch) -> acquires.add(c + "/" + ch));
        assertThat(plane.installTrap(trap())).isTrue();
        assertThat(routes.log).containsExactly(new UserspaceDataPlaneTest.Route("add", "10.2.0.0/16", Optional.of("10.1.0.1")));
        assertThat(plane.traps()).extracting(TrapPolicy::key).containsExactly("gw/net");

        byte[] ping = ipv4(new byte[] {10, 1, 0, 1}, new byte[] {10, 2, 0, 7}, 1, 84);
        byte[] other = ipv4(new byte[] {10, 9, 0, 1}, new byte[] {10, 2, 0, 7}, 1, 84); // source outside the trap
        dev.fromKernel.add(other);
        dev.fromKernel.add(ping);
        dev.fromKernel.add(ping); // within the acquire interval: no second acquire
        awaitTrue(() -> plane.stats().noSa() == 1 && acquires.size() == 1);
        Thread.sleep(300);
        assertThat(acquires).containsExactly("gw/net");
        assertThat(sent).isEmpty();

        // the SA arrives: the trap stays, packets take the SA (ESP goes out), no acquire
        plane.install(spec(true, 1, 0x2000a, 0x2000b, ChildSaSpec.Lifetimes.NONE, false));
        assertThat(routes.log).hasSize(1); // the route is shared, not added twice
        dev.fromKernel.add(ping);
        awaitTrue(() -> sent.size() == 1);
        assertThat(acquires).hasSize(1);

        // the SA goes (dpd_action/close_action = trap): the route stays for the trap
        assertThat(plane.remove(1, 1, 0x2000a, 0x2000b)).isTrue();
        assertThat(routes.log).hasSize(1);
        assertThat(plane.removeTrap(trap())).isTrue();
        assertThat(routes.log).last().isEqualTo(new UserspaceDataPlaneTest.Route("del", "10.2.0.0/16", Optional.empty()));
        assertThat(plane.removeTrap(trap())).isFalse();
    }

    @Test
    void inMemoryPlaneRecordsTrapsAndSimulatesAcquires() throws Exception {
        try (InMemoryDataPlane mem = new InMemoryDataPlane()) {
            mem.acquireListener((c, ch) -> acquires.add(c + "/" + ch));
            assertThat(mem.packetHitsTrap("gw", "net")).isFalse();
            mem.installTrap(trap());
            assertThat(mem.packetHitsTrap("gw", "net")).isTrue();
            assertThat(acquires).containsExactly("gw/net");
            assertThat(mem.removeTrap(trap())).isTrue();
            assertThat(mem.traps()).isEmpty();
        }
    }
}
