package io.ike4j.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.policy.SelectorCheck;
import io.ike4j.core.policy.TrafficSelector;
import io.ike4j.core.policy.TrafficSelectorNarrowing;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UnitsTest {
    private static TrafficSelectorSubstructure ts(String s) throws Exception {
        return SelectorUnit.offer(List.of(s), InetAddress.getByName("192.0.2.9")).getFirst();
    }

    private static List<TrafficSelectorSubstructure> parse(String s) throws Exception {
        return SelectorUnit.offer(List.of(s), InetAddress.getByName("1.2.3.4"));
    }

    private static List<String> narrow(List<TrafficSelectorSubstructure> ours, List<TrafficSelectorSubstructure> theirs) {
        return TrafficSelectorNarrowing.narrowSide(SelectorUnit.typed(theirs), SelectorUnit.typed(ours)).stream()
                .map(TrafficSelector::toString).toList();
    }

    private static boolean within(List<TrafficSelectorSubstructure> inner, List<TrafficSelectorSubstructure> outer) {
        return SelectorUnit.check(outer, outer, inner, inner) instanceof SelectorCheck.Accepted;
    }

    @Test
    void trafficSelectorParsingAndNarrowing() throws Exception {
        assertThat(SelectorUnit.display(ts("10.0.0.0/8"))).isEqualTo("10.0.0.0/8");
        assertThat(SelectorUnit.display(ts("dynamic"))).isEqualTo("192.0.2.9/32");
        assertThat(SelectorUnit.display(ts("10.0.0.1-10.0.0.5"))).isEqualTo("10.0.0.1..10.0.0.5");
        assertThat(SelectorUnit.display(ts("10.1.0.0/16[tcp/443]"))).isEqualTo("10.1.0.0/16[tcp/443]");
        assertThat(SelectorUnit.display(ts("::/0"))).isEqualTo("::/0");
        assertThat(parse("10.0.0.0/33")).isEmpty();
        assertThat(parse("10.0.0.0/8[bogus]")).isEmpty();
        assertThat(parse("10.0.0.0/8[tcp/9-1]")).isEmpty();

        assertThat(narrow(List.of(ts("10.1.2.0/24[udp]")), List.of(ts("10.0.0.0/8"), ts("192.168.0.0/16"))))
                .containsExactly("10.1.2.0/24[udp]");
        assertThat(narrow(List.of(ts("10.0.0.0/8[tcp]")), List.of(ts("10.0.0.0/8[udp]")))).isEmpty();
        assertThat(narrow(List.of(ts("::/0")), List.of(ts("10.0.0.0/8")))).isEmpty();
        assertThat(within(List.of(ts("10.1.2.0/24")), List.of(ts("10.0.0.0/8")))).isTrue();
        assertThat(within(List.of(ts("10.0.0.0/7")), List.of(ts("10.0.0.0/8")))).isFalse();
    }

    @Test
    void cookiesVerifyAcrossOneRotationOnly() throws Exception {
        Random r = new Random(1);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        CookieUnit cookies = new CookieUnit(r::nextBytes, Duration.ofSeconds(120), t0);
        byte[] ni = new byte[32];
        byte[] ip = {10, 0, 0, 1};
        byte[] c = cookies.make(ni, ip, 42, t0);
        assertThat(c).hasSizeLessThanOrEqualTo(64);
        assertThat(cookies.verify(c, ni, ip, 42, t0)).isTrue();
        assertThat(cookies.verify(c, ni, ip, 43, t0)).isFalse();
        assertThat(cookies.verify(c, ni, new byte[] {10, 0, 0, 2}, 42, t0)).isFalse();
        assertThat(cookies.verify(c, ni, ip, 42, t0.plusSeconds(130))).isTrue(); // previous secret still accepted
        assertThat(cookies.verify(c, ni, ip, 42, t0.plusSeconds(260))).isFalse(); // two rotations later: refused
        assertThat(cookies.verify(new byte[3], ni, ip, 42, t0)).isFalse();
    }

    @Test
    void natDetection() throws Exception {
        Endpoint a = new Endpoint(InetAddress.getByName("10.0.0.1"), 500);
        Endpoint b = new Endpoint(InetAddress.getByName("192.0.2.2"), 500);
        assertThat(NatDetectionUnit.hash(1, 2, a)).hasSize(20).isNotEqualTo(NatDetectionUnit.hash(1, 2, b));
        assertThat(NatDetectionUnit.hash(1, 2, a)).isNotEqualTo(NatDetectionUnit.hash(1, 2, new Endpoint(a.address(), 4500)));
    }
}
