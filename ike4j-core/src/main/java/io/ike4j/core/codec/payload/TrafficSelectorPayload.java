package io.ike4j.core.codec.payload;

import io.ike4j.core.codec.PayloadType;
import java.util.List;

/** TSi ({@code initiator}) or TSr payload (RFC 7296 3.13). */
public record TrafficSelectorPayload(boolean initiator, List<TrafficSelectorSubstructure> selectors, boolean critical)
        implements Payload {
    public TrafficSelectorPayload {
        selectors = List.copyOf(selectors);
    }

    public TrafficSelectorPayload(boolean initiator, List<TrafficSelectorSubstructure> selectors) {
        this(initiator, selectors, false);
    }

    @Override
    public int payloadType() {
        return (initiator ? PayloadType.TSI : PayloadType.TSR).value();
    }
}
