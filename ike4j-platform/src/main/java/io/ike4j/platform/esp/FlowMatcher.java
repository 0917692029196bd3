package io.ike4j.platform.esp;

import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import java.util.List;

/**
 * Whether an outbound inner packet belongs to a policy: its source inside the local selectors and its destination
 * inside the remote ones (RFC 4301 4.4.1 SPD lookup). Immutable; no allocation per match.
 */
public final class FlowMatcher {
    private final SelectorMatcher source;
    private final SelectorMatcher destination;

    public FlowMatcher(List<TrafficSelectorSubstructure> localSelectors, List<TrafficSelectorSubstructure> remoteSelectors) {
        this.source = new SelectorMatcher(localSelectors, true);
        this.destination = new SelectorMatcher(remoteSelectors, false);
    }

    public boolean matches(byte[] packet, int off, int len) {
        return destination.matches(packet, off, len) && source.matches(packet, off, len);
    }
}
