package io.ike4j.platform.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ike4j.core.crypto.RandomSource;
import io.ike4j.core.sa.ChildSaSpec;
import io.ike4j.platform.tun.IpRoute2;
import io.ike4j.platform.tun.TunDevice;
import io.ike4j.platform.xfrm.TestNetns;
import io.ike4j.platform.xfrm.XfrmClient;
import io.ike4j.platform.xfrm.XfrmResult;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The data planes against the real kernel, each host in its own network namespace: two user-space planes with real
 * TUN devices and routes (their ESP wired together in this JVM) carry a ping between the inner addresses; the XFRM
 * plane either installs SAs and policies the kernel then lists, or (no ESP in the kernel) fails with the kernel's
 * reason and leaves nothing behind.
 */
class DataPlaneKernelTest {

    @BeforeEach
    void require() {
        TestNetns.require("data plane kernel test", true);
    }

    @Test
    void pingCrossesTwoUserspaceDataPlanesOverRealTunDevices() throws Exception {
        try (TestNetns left = TestNetns.create("i4j-dp-"); TestNetns right = TestNetns.create("i4j-dp-")) {
            left.ip("addr", "add", "10.1.0.1/32", "dev", "lo");
            right.ip("addr", "add", "10.2.0.1/32", "dev", "lo");
            UserspaceDataPlaneTest.Wire toB = new UserspaceDataPlaneTest.Wire();
            UserspaceDataPlaneTest.Wire toA = new UserspaceDataPlaneTest.Wire();
            UserspaceDataPlane a = plane(left, "10.1.0.1", toB);
            UserspaceDataPlane b = plane(right, "10.2.0.1", toA);
            toB.peer = b;
            toA.peer = a;
            try (a; b) {
                a.install(UserspaceDataPlaneTest.spec(true, 1, 0xa1, 0xb1, ChildSaSpec.Lifetimes.NONE, true));
                b.install(UserspaceDataPlaneTest.spec(false, 1, 0xb1, 0xa1, ChildSaSpec.Lifetimes.NONE, true));
                assertThat(left.ip("route", "show", "10.2.0.0/16")).contains("dev ike4jt0").contains("src 10.1.0.1");

                TestNetns.Result ping = left.exec("ping", "-c", "3", "-i", "0.2", "-W", "2", "-I", "10.1.0.1", "10.2.0.1");
                assertThat(ping.ok()).as(ping.out()).isTrue();
                SaCounters ca = a.counters(1, 1).orElseThrow();
                SaCounters cb = b.counters(1, 1).orElseThrow();
                assertThat(ca.outboundPackets()).isEqualTo(3);
                assertThat(ca.outboundBytes()).isEqualTo(3 * 84); // inner IPv4 echo requests
                assertThat(cb.inboundPackets()).isEqualTo(ca.outboundPackets());
                assertThat(cb.inboundBytes()).isEqualTo(ca.outboundBytes());
                assertThat(ca.inboundPackets()).isEqualTo(cb.outboundPackets()).isEqualTo(3);

                assertThat(a.remove(1, 1, 0xa1, 0xb1)).isTrue();
                assertThat(left.ip("route", "show", "10.2.0.0/16")).isBlank();
            }
            assertThat(left.ip("link", "show")).doesNotContain("ike4jt0");
        }
    }

    @Test
    void aFullTunnelKeepsTheDefaultRouteAndThePeerOutsideTheTunDevice() throws Exception {
        try (TestNetns ns = TestNetns.create("i4j-dp-")) {
            ns.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
            ns.ip("addr", "add", "192.0.2.1/24", "dev", "v0");
            ns.ip("link", "set", "v0", "up");
            ns.ip("link", "set", "v1", "up");
            ns.ip("route", "add", "default", "via", "192.0.2.254", "dev", "v0");
            ns.ip("addr", "add", "10.1.0.1/32", "dev", "lo");
            UserspaceDataPlane a = plane(ns, "10.1.0.1", new UserspaceDataPlaneTest.Wire());
            try (a) {
                a.install(UserspaceFullTunnelTest.fullTunnel(true, 1, 0xa1, 0xb1));
                assertThat(ns.ip("route", "get", "192.0.2.2")).as("the peer: IKE and ESP stay on the link")
                        .contains("dev v0").doesNotContain("ike4jt0");
                assertThat(ns.ip("route", "get", "198.51.100.7")).as("anything else goes into the tunnel")
                        .contains("dev ike4jt0").contains("src 10.1.0.1");
                assertThat(ns.ip("route", "show", "default")).contains("via 192.0.2.254 dev v0");
                assertThat(a.remove(1, 1, 0xa1, 0xb1)).isTrue();
                assertThat(ns.ip("route", "show")).doesNotContain("ike4jt0").doesNotContain("192.0.2.2 ");
                assertThat(ns.ip("route", "get", "198.51.100.7")).contains("via 192.0.2.254 dev v0");
            }
        }
    }

    private static UserspaceDataPlane plane(TestNetns ns, String inner, UserspaceDataPlaneTest.Wire wire) throws Exception {
        TunDevice tun = TunDevice.openInNamespace(ns.file(), "ike4jt0");
        IpRoute2 ip = IpRoute2.system().inNamespace(ns.name);
        ip.setMtu(tun.name(), 1400);
        ip.up(tun.name());
        List<InetAddress> host = List.of(InetAddress.getByName(inner));
        return UserspaceDataPlane.start(PacketDevice.of(tun), RouteInstaller.ipRoute2(ip, tun.name()),
                () -> host, wire, RandomSource.secure(), e -> { }, 4500);
    }

    @Test
    void xfrmPlaneInstallsOrFailsCleanlyWithTheKernelsReason() throws Exception {
        try (TestNetns ns = TestNetns.create("i4j-dp-")) {
            ns.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
            ns.ip("addr", "add", "192.0.2.1/24", "dev", "v0");
            ns.ip("link", "set", "v0", "up");
            ns.ip("link", "set", "v1", "up");
            XfrmClient client = ((XfrmResult.Ok<XfrmClient>) XfrmClient.openInNamespace(ns.file(), Duration.ofSeconds(2))).value();
            try (XfrmDataPlane plane = new XfrmDataPlane(client)) {
                ChildSaSpec spec = UserspaceDataPlaneTest.spec(true, 1, 0xa1, 0xb1, ChildSaSpec.Lifetimes.NONE, true);
                boolean kernelEsp;
                try {
                    plane.install(spec);
                    kernelEsp = true;
                } catch (DataPlaneException e) {
                    assertThat(e.getMessage()).contains("NEWSA failed");
                    kernelEsp = false;
                }
                if (kernelEsp) {
                    assertThat(ns.ip("xfrm", "state")).contains("spi 0x000000a1").contains("spi 0x000000b1")
                            .contains("encap type espinudp");
                    assertThat(ns.ip("xfrm", "policy")).contains("dir out").contains("dir fwd").contains("dir in");
                    assertThat(plane.remove(1, 1, 0xa1, 0xb1)).isTrue();
                } else {
                    assertThatThrownBy(() -> plane.counters(1, 1).orElseThrow()).isInstanceOf(java.util.NoSuchElementException.class);
                }
                assertThat(ns.ip("xfrm", "state")).isBlank();
                assertThat(ns.ip("xfrm", "policy")).isBlank();
            }
        }
    }
}
