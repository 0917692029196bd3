package io.ike4j.core.sa;

import io.ike4j.core.codec.payload.ProposalSubstructure;
import io.ike4j.core.crypto.KeyExchange;
import java.util.List;

/** Our CREATE_CHILD_SA request rekeying the IKE SA (RFC 7296 1.3.2): the new initiator SPI, offer, nonce and KE. */
public record IkeRekeyOffer(long newSpi, List<ProposalSubstructure> proposals, byte[] nonce, KeyExchange keyExchange) {
    public IkeRekeyOffer {
        proposals = List.copyOf(proposals);
        nonce = nonce.clone();
    }

    @Override
    public String toString() {
        return "IkeRekeyOffer[" + Long.toHexString(newSpi) + "]";
    }
}
