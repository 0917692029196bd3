package io.ike4j.core.policy;

import static io.ike4j.core.policy.TestSelectors.ip;
import static io.ike4j.core.policy.TestSelectors.ts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficSelectorParserTest {
    @Test
    void addressForms() {
        assertThat(ts("10.1.0.0/16")).isEqualTo(TrafficSelector.cidr(ip("10.1.0.0"), 16));
        assertThat(ts("192.168.1.5")).isEqualTo(TrafficSelector.host(ip("192.168.1.5")));
        assertThat(ts("10.0.0.1-10.0.0.9")).isEqualTo(TrafficSelector.range(ip("10.0.0.1"), ip("10.0.0.9")));
        assertThat(ts("0.0.0.0/0")).isEqualTo(TrafficSelector.any(IpFamily.IPV4));
        assertThat(ts("::/0")).isEqualTo(TrafficSelector.any(IpFamily.IPV6));
        assertThat(ts("fec1::/16").family()).isEqualTo(IpFamily.IPV6);
        assertThat(ts("fec1::1-fec1::ff").endAddress()).containsExactly(ip("fec1::ff"));
        assertThat(ts("::ffff:10.0.0.1").family()).isEqualTo(IpFamily.IPV6);
        assertThat(ts(" 10.1.2.3/16 ")).hasToString("10.1.0.0/16");
    }

    @Test
    void protocolAndPortSuffixes() {
        TrafficSelector t = ts("10.1.0.0/16[tcp/80]");
        assertThat(t.ipProtocol()).isEqualTo(6);
        assertThat(t.startPort()).isEqualTo(80);
        assertThat(t.endPort()).isEqualTo(80);
        assertThat(t).hasToString("10.1.0.0/16[tcp/80]");
        TrafficSelector udp = ts("10.1.0.0/16[udp]");
        assertThat(udp.ipProtocol()).isEqualTo(17);
        assertThat(udp.isAnyPort()).isTrue();
        assertThat(udp).hasToString("10.1.0.0/16[udp]");
        assertThat(ts("10.1.0.0/16[icmp]").ipProtocol()).isEqualTo(1);
        TrafficSelector echo = ts("0.0.0.0/0[icmp/8]");
        assertThat(echo.startPort()).isEqualTo(0x0800);
        assertThat(echo.endPort()).isEqualTo(0x08ff);
        assertThat(ts("10.1.0.0/16[tcp/%any]").isAnyPort()).isTrue();
        TrafficSelector dns = ts("10.1.0.0/16[/53]");
        assertThat(dns.ipProtocol()).isZero();
        assertThat(dns.startPort()).isEqualTo(53);
        assertThat(dns).hasToString("10.1.0.0/16[/53]");
        TrafficSelector range = ts("10.1.0.0/16[17/1000-2000]");
        assertThat(range.ipProtocol()).isEqualTo(17);
        assertThat(range.startPort()).isEqualTo(1000);
        assertThat(range.endPort()).isEqualTo(2000);
        assertThat(range).hasToString("10.1.0.0/16[udp/1000-2000]");
        assertThat(ts("::/0[ipv6-icmp]").ipProtocol()).isEqualTo(58);
        assertThat(ts("10.0.0.0/8[%any/53]").ipProtocol()).isZero();
    }

    @Test
    void dynamicIsDistinctAndResolvesLater() throws Exception {
        ConfiguredSelector d = TrafficSelectorParser.parse("dynamic");
        assertThat(d).isEqualTo(ConfiguredSelector.Dynamic.any());
        assertThat(d).hasToString("dynamic");
        ConfiguredSelector web = TrafficSelectorParser.parse("dynamic[tcp/443]");
        assertThat(web).isEqualTo(new ConfiguredSelector.Dynamic(6, 443, 443));
        assertThat(web).hasToString("dynamic[tcp/443]");
        assertThat(web.resolve(List.of(ip("192.0.2.1"), ip("2001:db8::1"))))
                .containsExactly(ts("192.0.2.1[tcp/443]"), ts("2001:db8::1[tcp/443]"));
        List<ConfiguredSelector> list = TrafficSelectorParser.parseList("10.1.0.0/16, dynamic");
        assertThat(ConfiguredSelector.resolveAll(list, List.of(ip("192.0.2.1"))))
                .containsExactly(ts("10.1.0.0/16"), ts("192.0.2.1"));
    }

    @Test
    void clearErrors() {
        assertThatThrownBy(() -> TrafficSelectorParser.parse("10.1.0.0/33")).isInstanceOf(TrafficSelectorParseException.class)
                .hasMessageContaining("invalid prefix length '/33'");
        assertThatThrownBy(() -> TrafficSelectorParser.parse("fec1::/129")).hasMessageContaining("'/129'");
        assertThatThrownBy(() -> TrafficSelectorParser.parse("10.1.0.256/16")).hasMessageContaining("invalid address '10.1.0.256'");
        assertThatThrownBy(() -> TrafficSelectorParser.parse("gateway.example.com"))
                .hasMessageContaining("host names are not resolved");
        assertThatThrownBy(() -> TrafficSelectorParser.parse("10.0.0.9-10.0.0.1")).hasMessageContaining("start is after");
        assertThatThrownBy(() -> TrafficSelectorParser.parse("10.0.0.1-::1")).hasMessageContaining("mixes IPv4 and IPv6");
        assertThatThrownBy(() -> TrafficSelectorParser.parse("10.0.0.0/8[foo]")).hasMessageContaining("unknown protocol 'foo'");
        assertThatThrownBy(() -> TrafficSelectorParser.parse("10.0.0.0/8[tcp/70000]")).hasMessageContaining("invalid port '70000'");
        assertThatThrownBy(() -> TrafficSelectorParser.parse("10.0.0.0/8[tcp/2000-1000]")).hasMessageContaining("inverted");
        assertThatThrownBy(() -> TrafficSelectorParser.parse("10.0.0.0/8[tcp/80")).hasMessageContaining("']'");
        assertThatThrownBy(() -> TrafficSelectorParser.parse("10.0.0.0/8[tcp/80]x")).hasMessageContaining("']'");
        assertThatThrownBy(() -> TrafficSelectorParser.parse("10.0.0.0/8[300]")).hasMessageContaining("unknown protocol '300'");
        assertThatThrownBy(() -> TrafficSelectorParser.parse("[tcp]")).hasMessageContaining("missing address");
        assertThatThrownBy(() -> TrafficSelectorParser.parseList("10.0.0.0/8,,10.1.0.0/16")).hasMessageContaining("empty");
        assertThatThrownBy(() -> TrafficSelectorParser.parse("0.0.0.0/0[icmp/300]")).hasMessageContaining("ICMP type");
    }
}
