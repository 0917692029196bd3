package io.ike4j.core.sa;

import io.ike4j.core.codec.payload.ProposalSubstructure;
import io.ike4j.core.crypto.KeyExchange;
import java.util.List;

/** Our CREATE_CHILD_SA request rekeying {@code old} into {@code fresh} (RFC 7296 1.3.3): what to check the answer against. */
public record RekeyOffer(ChildSa old, ChildSa fresh, List<ProposalSubstructure> proposals, byte[] nonce,
                         KeyExchange keyExchange, boolean transport) {
    public RekeyOffer {
        proposals = List.copyOf(proposals);
        nonce = nonce.clone();
    }

    @Override
    public String toString() {
        return "RekeyOffer[" + old.name() + "{" + old.id() + "} -> {" + fresh.id() + "}]";
    }
}
