package io.ike4j.core.policy;

import static io.ike4j.core.policy.TestSelectors.ts;
import static io.ike4j.core.policy.TestSelectors.tss;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficSelectorNarrowingTest {
    private static NarrowingResult.Narrowed narrowed(NarrowingResult r) {
        assertThat(r).isInstanceOf(NarrowingResult.Narrowed.class);
        return (NarrowingResult.Narrowed) r;
    }

    @Test
    void initiatorProposesEverythingResponderNarrows() {
        // initiator 10.1.0.0/16 wants 0.0.0.0/0 behind us; we only offer 10.2.0.0/16
        var n = narrowed(TrafficSelectorNarrowing.narrow(tss("0.0.0.0/0"), tss("0.0.0.0/0"),
                tss("10.2.0.0/16"), tss("10.1.0.0/16")));
        assertThat(n.tsi()).containsExactly(ts("10.1.0.0/16"));
        assertThat(n.tsr()).containsExactly(ts("10.2.0.0/16"));
    }

    @Test
    void ipv6Narrowing() {
        var n = narrowed(TrafficSelectorNarrowing.narrow(tss("::/0", "0.0.0.0/0"), tss("::/0"),
                tss("fec2::/16"), tss("fec1::/16")));
        assertThat(n.tsi()).containsExactly(ts("fec1::/16"));
        assertThat(n.tsr()).containsExactly(ts("fec2::/16"));
    }

    @Test
    void portsAndProtocols() {
        var n = narrowed(TrafficSelectorNarrowing.narrow(tss("10.1.0.0/16"), tss("10.2.0.0/16[tcp/1000-2000]"),
                tss("10.2.0.0/16[tcp/1500-3000]"), tss("10.1.0.0/16")));
        assertThat(n.tsr()).containsExactly(ts("10.2.0.0/16[tcp/1500-2000]"));
        assertThat(TrafficSelectorNarrowing.narrow(tss("10.1.0.0/16"), tss("10.2.0.0/16[udp]"),
                tss("10.2.0.0/16[tcp]"), tss("10.1.0.0/16")))
                .isInstanceOf(NarrowingResult.Unacceptable.class);
        var any = narrowed(TrafficSelectorNarrowing.narrow(tss("10.1.0.0/16"), tss("10.2.0.0/16"),
                tss("10.2.0.0/16[udp/53]"), tss("10.1.0.0/16")));
        assertThat(any.tsr()).containsExactly(ts("10.2.0.0/16[udp/53]"));
    }

    @Test
    void disjointRangesAreUnacceptable() {
        assertThat(TrafficSelectorNarrowing.narrow(tss("10.1.0.0/16"), tss("10.3.0.0/16"), tss("10.2.0.0/16"),
                tss("10.1.0.0/16"))).isInstanceOf(NarrowingResult.Unacceptable.class);
        assertThat(TrafficSelectorNarrowing.narrow(tss("10.9.0.0/16"), tss("10.2.0.0/16"), tss("10.2.0.0/16"),
                tss("10.1.0.0/16"))).isInstanceOf(NarrowingResult.Unacceptable.class);
        assertThat(TrafficSelectorNarrowing.narrow(tss("::/0"), tss("::/0"), tss("10.2.0.0/16"), tss("10.1.0.0/16")))
                .isInstanceOf(NarrowingResult.Unacceptable.class);
        assertThat(TrafficSelectorNarrowing.narrow(List.of(), tss("::/0"), tss("::/0"), tss("::/0")))
                .isInstanceOf(NarrowingResult.Unacceptable.class);
    }

    @Test
    void packetSelectorFirstIsKeptFirstAndRedundantResultsDropped() {
        // first TSr is the packet's selector 10.3.0.7/32[tcp/22], then the whole range
        var n = narrowed(TrafficSelectorNarrowing.narrow(tss("10.1.0.5[tcp/40000]", "10.1.0.0/16"),
                tss("10.3.0.7[tcp/22]", "0.0.0.0/0"),
                tss("10.2.0.0/16", "10.3.0.0/16"), tss("10.1.0.0/16")));
        assertThat(n.tsi()).containsExactly(ts("10.1.0.0/16"));
        assertThat(n.tsr()).containsExactly(ts("10.3.0.0/16"), ts("10.2.0.0/16"));
    }

    @Test
    void dynamicResolvedToVirtualIp() throws Exception {
        // road warrior with virtual IP 10.10.0.5: remote_ts = dynamic
        List<TrafficSelector> remote = ConfiguredSelector.resolveAll(TrafficSelectorParser.parseList("dynamic"),
                List.of(TestSelectors.ip("10.10.0.5")));
        var n = narrowed(TrafficSelectorNarrowing.narrow(tss("0.0.0.0/0"), tss("0.0.0.0/0"), tss("0.0.0.0/0"), remote));
        assertThat(n.tsi()).containsExactly(ts("10.10.0.5"));
        assertThat(n.tsr()).containsExactly(ts("0.0.0.0/0"));
    }

    @Test
    void natedPeerPrivateAddressAcceptedForDynamicRemote() throws Exception {
        // road warrior 192.168.1.10 behind a NAT that shows it as 203.0.113.7 proposes TSi = its private address
        List<ConfiguredSelector> dynamicUdp = TrafficSelectorParser.parseList("dynamic[udp/1701]");
        byte[] outside = TestSelectors.ip("203.0.113.7");
        List<TrafficSelector> tsi = tss("192.168.1.10[udp/1701]", "10.0.0.0/8");
        List<TrafficSelector> natted = TrafficSelectorNarrowing.resolveRemote(dynamicUdp, outside, true, tsi);
        assertThat(natted).containsExactly(ts("203.0.113.7[udp/1701]"), ts("192.168.1.10[udp/1701]"));
        var n = narrowed(TrafficSelectorNarrowing.narrow(tsi, tss("198.51.100.1"), tss("198.51.100.1"), natted));
        assertThat(n.tsi()).containsExactly(ts("192.168.1.10[udp/1701]"));

        // without a NAT only the address it comes from is its dynamic address
        List<TrafficSelector> direct = TrafficSelectorNarrowing.resolveRemote(dynamicUdp, outside, false, tsi);
        assertThat(direct).containsExactly(ts("203.0.113.7[udp/1701]"));
        assertThat(TrafficSelectorNarrowing.narrow(tsi, tss("198.51.100.1"), tss("198.51.100.1"), direct))
                .isInstanceOf(NarrowingResult.Unacceptable.class);

        // fixed selectors are not widened by the peer's proposal
        assertThat(TrafficSelectorNarrowing.resolveRemote(TrafficSelectorParser.parseList("10.1.0.0/16"), outside, true, tsi))
                .containsExactly(ts("10.1.0.0/16"));
    }

    @Test
    void initiatorChecksResponse() {
        List<TrafficSelector> pi = tss("10.1.0.0/16");
        List<TrafficSelector> pr = tss("0.0.0.0/0");
        assertThat(TrafficSelectorNarrowing.checkResponse(pi, pr, tss("10.1.0.0/16"), tss("10.2.0.0/16[tcp/80]")))
                .isInstanceOf(SelectorCheck.Accepted.class);
        assertThat(TrafficSelectorNarrowing.checkResponse(pi, pr, tss("10.0.0.0/8"), tss("10.2.0.0/16")))
                .isInstanceOf(SelectorCheck.Rejected.class);
        assertThat(TrafficSelectorNarrowing.checkResponse(pi, tss("10.2.0.0/16[tcp]"), pi, tss("10.2.0.0/16")))
                .isInstanceOf(SelectorCheck.Rejected.class);
        assertThat(TrafficSelectorNarrowing.checkResponse(pi, pr, List.of(), pr)).isInstanceOf(SelectorCheck.Rejected.class);
        assertThat(TrafficSelectorNarrowing.checkResponse(pi, pr, pi, tss("::/0"))).isInstanceOf(SelectorCheck.Rejected.class);
    }
}
