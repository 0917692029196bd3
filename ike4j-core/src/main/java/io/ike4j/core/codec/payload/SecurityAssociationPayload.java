package io.ike4j.core.codec.payload;

import io.ike4j.core.codec.PayloadType;
import java.util.List;

/** SA payload (RFC 7296 3.3): proposals in preference order. */
public record SecurityAssociationPayload(List<ProposalSubstructure> proposals, boolean critical) implements Payload {
    public SecurityAssociationPayload {
        proposals = List.copyOf(proposals);
    }

    public SecurityAssociationPayload(List<ProposalSubstructure> proposals) {
        this(proposals, false);
    }

    @Override
    public int payloadType() {
        return PayloadType.SA.value();
    }
}
