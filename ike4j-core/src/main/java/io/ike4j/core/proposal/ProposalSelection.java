package io.ike4j.core.proposal;

import io.ike4j.core.codec.payload.ProposalSubstructure;

/** Outcome of choosing one of the peer's proposals as responder (RFC 7296 2.7). */
public sealed interface ProposalSelection {
    /**
     * The chosen proposal, with exactly one transform of each type, and its wire form carrying the
     * peer's proposal number and SPI (as it goes back in the SA payload of the response).
     */
    record Chosen(Proposal proposal, ProposalSubstructure wire) implements ProposalSelection {
        public int number() {
            return wire.number();
        }

        public byte[] spi() {
            return wire.spi();
        }
    }

    /** Nothing acceptable: the answer is NO_PROPOSAL_CHOSEN. */
    record NoProposalChosen(String reason) implements ProposalSelection {}
}
