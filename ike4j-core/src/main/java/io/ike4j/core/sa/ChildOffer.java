package io.ike4j.core.sa;

import io.ike4j.core.codec.payload.ProposalSubstructure;
import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import java.util.List;

/** What the initiator offered for a CHILD_SA, to check the responder's answer against (RFC 7296 2.7, 2.9). */
public record ChildOffer(ChildSa child, List<ProposalSubstructure> proposals, List<TrafficSelectorSubstructure> tsi,
                         List<TrafficSelectorSubstructure> tsr, boolean transport) {
    public ChildOffer {
        proposals = List.copyOf(proposals);
        tsi = List.copyOf(tsi);
        tsr = List.copyOf(tsr);
    }
}
