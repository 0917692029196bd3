package io.ike4j.core.policy;

import java.util.ArrayList;
import java.util.List;

/** Shorthand for tests: parse fixed selectors. */
final class TestSelectors {
    private TestSelectors() {
    }

    static TrafficSelector ts(String s) {
        try {
            return ((ConfiguredSelector.Fixed) TrafficSelectorParser.parse(s)).selector();
        } catch (TrafficSelectorParseException e) {
            throw new AssertionError(e);
        }
    }

    static List<TrafficSelector> tss(String... s) {
        List<TrafficSelector> out = new ArrayList<>();
        for (String x : s) out.add(ts(x));
        return out;
    }

    static byte[] ip(String s) {
        return AddressFormat.parse(s).orElseThrow();
    }
}
