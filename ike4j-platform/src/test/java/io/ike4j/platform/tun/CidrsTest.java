package io.ike4j.platform.tun;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class CidrsTest {
    private static byte[] a(String s) throws Exception {
        return InetAddress.getByName(s).getAddress();
    }

    @Test
    void alignedRangesBecomeOnePrefix() throws Exception {
        assertThat(Cidrs.range(a("10.1.0.0"), a("10.1.255.255"))).containsExactly("10.1.0.0/16");
        assertThat(Cidrs.range(a("0.0.0.0"), a("255.255.255.255"))).containsExactly("0.0.0.0/0");
        assertThat(Cidrs.range(a("192.0.2.7"), a("192.0.2.7"))).containsExactly("192.0.2.7/32");
        assertThat(Cidrs.range(a("::"), a("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"))).containsExactly("0:0:0:0:0:0:0:0/0");
        assertThat(Cidrs.range(a("fd00::"), a("fd00::ffff"))).containsExactly("fd00:0:0:0:0:0:0:0/112");
    }

    @Test
    void unalignedRangesSplitIntoExactPrefixes() throws Exception {
        assertThat(Cidrs.range(a("10.0.0.1"), a("10.0.0.6")))
                .containsExactly("10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/31", "10.0.0.6/32");
        assertThat(Cidrs.range(a("10.0.0.255"), a("10.0.1.0"))).containsExactly("10.0.0.255/32", "10.0.1.0/32");
        assertThat(Cidrs.range(a("10.0.0.9"), a("10.0.0.8"))).isEmpty();
    }

    @Test
    void selectorsDeduplicateAndSkipMalformed() throws Exception {
        TrafficSelectorSubstructure net = new TrafficSelectorSubstructure(7, 0, 0, 65535, a("10.2.0.0"), a("10.2.255.255"));
        TrafficSelectorSubstructure web = new TrafficSelectorSubstructure(7, 6, 80, 80, a("10.2.0.0"), a("10.2.255.255"));
        TrafficSelectorSubstructure bad = new TrafficSelectorSubstructure(7, 0, 0, 65535, new byte[3], new byte[3]);
        assertThat(Cidrs.of(List.of(net, web, bad))).containsExactly("10.2.0.0/16");
    }
}
