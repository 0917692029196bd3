package io.ike4j.core.policy;

import static io.ike4j.core.policy.TestSelectors.ip;
import static io.ike4j.core.policy.TestSelectors.ts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import org.junit.jupiter.api.Test;

class TrafficSelectorTest {
    @Test
    void cidrClearsHostBitsAndReportsPrefix() {
        TrafficSelector t = TrafficSelector.cidr(ip("10.1.2.3"), 16);
        assertThat(t.startAddress()).containsExactly(ip("10.1.0.0"));
        assertThat(t.endAddress()).containsExactly(ip("10.1.255.255"));
        assertThat(t.prefixLength()).contains(16);
        assertThat(t).hasToString("10.1.0.0/16");
        assertThat(TrafficSelector.cidr(ip("fec1::1"), 16)).hasToString("fec1::/16");
        assertThat(TrafficSelector.cidr(ip("2001:db8::"), 33).endAddress())
                .containsExactly(ip("2001:db8:7fff:ffff:ffff:ffff:ffff:ffff"));
        assertThat(TrafficSelector.any(IpFamily.IPV6)).hasToString("::/0");
        assertThat(TrafficSelector.host(ip("192.168.1.5"))).hasToString("192.168.1.5/32");
        assertThat(TrafficSelector.range(ip("10.0.0.1"), ip("10.0.0.9")).prefixLength()).isEmpty();
        assertThat(TrafficSelector.range(ip("10.0.0.1"), ip("10.0.0.9"))).hasToString("10.0.0.1..10.0.0.9");
    }

    @Test
    void invalidConstructionRejected() {
        assertThatThrownBy(() -> TrafficSelector.range(ip("10.0.0.9"), ip("10.0.0.1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrafficSelector.range(ip("10.0.0.1"), ip("::1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrafficSelector.cidr(ip("10.0.0.0"), 33)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wireRoundTripIpv4AndIpv6() {
        TrafficSelector v4 = ts("10.1.0.0/16[tcp/80]");
        TrafficSelectorSubstructure w = v4.toSubstructure();
        assertThat(w.tsType()).isEqualTo(7);
        assertThat(w.ipProtocol()).isEqualTo(6);
        assertThat(w.startPort()).isEqualTo(80);
        assertThat(w.endPort()).isEqualTo(80);
        assertThat(w.startAddress()).containsExactly(ip("10.1.0.0"));
        assertThat(TrafficSelector.fromSubstructure(w)).contains(v4);
        TrafficSelector v6 = ts("2001:db8::/32[udp/1000-2000]");
        assertThat(v6.toSubstructure().tsType()).isEqualTo(8);
        assertThat(TrafficSelector.fromSubstructure(v6.toSubstructure())).contains(v6);
    }

    @Test
    void badWireSelectorsAreEmpty() {
        byte[] a = ip("10.0.0.1");
        byte[] b = ip("10.0.0.2");
        assertThat(TrafficSelector.fromSubstructure(new TrafficSelectorSubstructure(9, 0, 0, 65535, a, b))).isEmpty();
        assertThat(TrafficSelector.fromSubstructure(new TrafficSelectorSubstructure(8, 0, 0, 65535, a, b))).isEmpty();
        assertThat(TrafficSelector.fromSubstructure(new TrafficSelectorSubstructure(7, 0, 0, 65535, b, a))).isEmpty();
        assertThat(TrafficSelector.fromSubstructure(new TrafficSelectorSubstructure(7, 0, 65535, 0, a, b))).isEmpty();
        assertThat(TrafficSelector.fromSubstructure(new TrafficSelectorSubstructure(7, 0, 0, 70000, a, b))).isEmpty();
    }

    @Test
    void containsAndIntersect() {
        TrafficSelector all = TrafficSelector.any(IpFamily.IPV4);
        TrafficSelector net = ts("10.2.0.0/16");
        assertThat(all.contains(net)).isTrue();
        assertThat(net.contains(all)).isFalse();
        assertThat(all.intersect(net)).contains(net);
        assertThat(ts("10.0.0.0/8[tcp]").contains(ts("10.1.0.0/16[tcp/80]"))).isTrue();
        assertThat(ts("10.0.0.0/8[tcp/80]").contains(ts("10.1.0.0/16[tcp]"))).isFalse();
        assertThat(ts("10.0.0.0/8[tcp]").contains(ts("10.1.0.0/16"))).isFalse();
        assertThat(ts("10.0.0.1-10.0.0.100").intersect(ts("10.0.0.50-10.0.0.200")))
                .contains(TrafficSelector.range(ip("10.0.0.50"), ip("10.0.0.100")));
        assertThat(ts("10.0.0.0/24").intersect(ts("10.0.1.0/24"))).isEmpty();
        assertThat(ts("10.0.0.0/8[tcp]").intersect(ts("10.0.0.0/8[udp]"))).isEmpty();
        assertThat(ts("10.0.0.0/8[/1000-2000]").intersect(ts("10.0.0.0/8[tcp/1500-3000]")))
                .contains(ts("10.0.0.0/8[tcp/1500-2000]"));
        assertThat(ts("10.0.0.0/8[tcp/80]").intersect(ts("10.0.0.0/8[tcp/443]"))).isEmpty();
        assertThat(all.intersect(TrafficSelector.any(IpFamily.IPV6))).isEmpty();
        assertThat(ts("fec1::/16").intersect(ts("fec1:2::/32"))).contains(ts("fec1:2::/32"));
        assertThat(net.containsAddress(ip("10.2.3.4"))).isTrue();
        assertThat(net.containsAddress(ip("10.3.0.0"))).isFalse();
    }
}
