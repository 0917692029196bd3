package io.ike4j.core.policy;

import java.util.List;

/** Outcome of the initiator's check of the responder's returned traffic selectors (RFC 7296 2.9). */
public sealed interface SelectorCheck {
    record Accepted(List<TrafficSelector> tsi, List<TrafficSelector> tsr) implements SelectorCheck {
        public Accepted {
            tsi = List.copyOf(tsi);
            tsr = List.copyOf(tsr);
        }
    }

    record Rejected(String reason) implements SelectorCheck {}
}
