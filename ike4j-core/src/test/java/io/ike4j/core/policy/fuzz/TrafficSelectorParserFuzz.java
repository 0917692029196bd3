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
        for (ConfiguredSelector s : sels) {
            String text = s instanceof ConfiguredSelector.Fixed(var f) ? f.toString() : s.toString();
            try {
                assertThat(TrafficSelectorParser.parse(text)).isEqualTo(s);
            } catch (TrafficSelectorParseException e) {
                throw new AssertionError("text form of a parsed selector does not parse: " + text, e);
            }
        }
    }
}
