package io.ike4j.core.sa;

import io.ike4j.core.codec.payload.ProposalSubstructure;
import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import io.ike4j.core.crypto.KeyExchange;
import java.util.List;

/**
 * Our CREATE_CHILD_SA request (RFC 7296 1.3.1, 1.3.3) creating {@code fresh}, rekeying {@code old} if not null:
 * what to check the answer against.
 */
public record CreateChildOffer(ChildSa old, ChildSa fresh, List<ProposalSubstructure> proposals, byte[] nonce,
                               KeyExchange keyExchange, boolean transport, List<TrafficSelectorSubstructure> tsi,
                               List<TrafficSelectorSubstructure> tsr) {
    public CreateChildOffer {
        proposals = List.copyOf(proposals);
        nonce = nonce.clone();
        tsi = List.copyOf(tsi);
        tsr = List.copyOf(tsr);
    }

    @Override
    public String toString() {
        return "CreateChildOffer[" + fresh.name() + "{" + fresh.id() + "}" + (old == null ? "" : " rekeying {" + old.id() + "}") + "]";
    }
}
