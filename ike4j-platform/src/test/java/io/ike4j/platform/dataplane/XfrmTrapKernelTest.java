package io.ike4j.platform.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.engine.TrapPolicy;
import io.ike4j.core.sa.ChildSaSpec;
import io.ike4j.platform.xfrm.TestNetns;
import io.ike4j.platform.xfrm.XfrmClient;
import io.ike4j.platform.xfrm.XfrmEventListener;
import io.ike4j.platform.xfrm.XfrmResult;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Trap policies in the kernel (RFC 4301 4.4.1): an "out" policy whose SA does not exist makes the kernel send
 * XFRM_MSG_ACQUIRE for a matching packet; the data plane names the trap it belongs to. Needs no ESP algorithms.
 */
class XfrmTrapKernelTest {

    @BeforeEach
    void require() {
        TestNetns.require("data plane kernel test", true);
    }

    @Test
    void aPacketMatchingTheTrapRaisesAnAcquireForItsChild() throws Exception {
        try (TestNetns ns = TestNetns.create("i4j-dp-")) {
            ns.ip("link", "add", "d0", "type", "veth", "peer", "name", "d1");
            ns.ip("addr", "add", "192.0.2.1/24", "dev", "d0");
            ns.ip("link", "set", "d0", "up");
            ns.ip("link", "set", "d1", "up");
            ns.ip("addr", "add", "10.1.0.1/32", "dev", "lo");
            ns.ip("route", "add", "10.2.0.0/16", "via", "192.0.2.2", "dev", "d0", "src", "10.1.0.1");
            XfrmClient client = ((XfrmResult.Ok<XfrmClient>) XfrmClient.openInNamespace(ns.file(), Duration.ofSeconds(5))).value();
            List<String> acquires = new CopyOnWriteArrayList<>();
            try (XfrmDataPlane plane = new XfrmDataPlane(client, () -> XfrmEventListener.openInNamespace(ns.file()))) {
                plane.acquireListener((c, ch) -> acquires.add(c + "/" + ch));
                TrapPolicy trap = new TrapPolicy("gw", "net", ChildSaSpec.Mode.TUNNEL, InetAddress.getByName("192.0.2.1"),
                        InetAddress.getByName("192.0.2.2"), List.of(UserspaceDataPlaneTest.NET_A), List.of(UserspaceDataPlaneTest.NET_B));
                assertThat(plane.installTrap(trap)).isTrue();
                assertThat(ns.ip("xfrm", "policy", "list")).contains("src 10.1.0.0/16 dst 10.2.0.0/16").contains("dir out")
                        .contains("tmpl src 192.0.2.1 dst 192.0.2.2");
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (acquires.isEmpty() && System.nanoTime() < deadline) {
                    ns.exec("ping", "-c", "1", "-W", "1", "-I", "10.1.0.1", "10.2.0.1");
                }
                assertThat(acquires).isNotEmpty().allMatch("gw/net"::equals);
                assertThat(plane.removeTrap(trap)).isTrue();
                assertThat(ns.ip("xfrm", "policy", "list")).doesNotContain("10.2.0.0/16");
            }
        }
    }
}
