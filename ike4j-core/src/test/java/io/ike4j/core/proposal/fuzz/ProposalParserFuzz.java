package io.ike4j.core.proposal.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ike4j.core.proposal.Proposal;
import io.ike4j.core.proposal.ProposalParseException;
import io.ike4j.core.proposal.ProposalParser;
import io.ike4j.core.proposal.ProtocolId;
import java.util.List;

/**
 * strongSwan proposal strings (swanctl.conf proposals / esp_proposals): any string gives proposals or
 * {@link ProposalParseException}; a parsed proposal's keyword form parses back to an equal proposal, and its wire
 * form converts back to an equal proposal. Input: first byte picks IKE/AH/ESP, the rest is the UTF-8 string.
 */
class ProposalParserFuzz {

    @FuzzTest
    void parse(byte[] input) {
        if (input.length == 0) return;
        ProtocolId protocol = ProtocolId.values()[(input[0] & 0xff) % ProtocolId.values().length];
        String spec = new String(input, 1, input.length - 1, java.nio.charset.StandardCharsets.UTF_8);
        List<Proposal> ps;
        try {
            ps = ProposalParser.parse(protocol, spec);
        } catch (ProposalParseException e) {
            assertThat(e.getMessage()).isNotNull();
            return;
        }
        for (Proposal p : ps) {
            p.toString();
            p.toLogString();
            try {
                assertThat(ProposalParser.parseOne(protocol, p.toKeywords())).isEqualTo(p);
            } catch (ProposalParseException e) {
                throw new AssertionError("keywords of a parsed proposal do not parse: " + p.toKeywords(), e);
            }
            assertThat(Proposal.fromSubstructure(p.toSubstructure(1, new byte[0]))).contains(p);
        }
    }
}
