package io.ike4j.core.policy;

import java.util.List;

/** Outcome of narrowing the initiator's traffic selectors as responder (RFC 7296 2.9). */
public sealed interface NarrowingResult {
    /** The TSi and TSr to return (both non-empty). */
    record Narrowed(List<TrafficSelector> tsi, List<TrafficSelector> tsr) implements NarrowingResult {
        public Narrowed {
            tsi = List.copyOf(tsi);
            tsr = List.copyOf(tsr);
        }
    }

    /** No overlap with our policy: answer TS_UNACCEPTABLE. */
    record Unacceptable(String reason) implements NarrowingResult {}
}
