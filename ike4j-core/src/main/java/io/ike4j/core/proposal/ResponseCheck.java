package io.ike4j.core.proposal;

import io.ike4j.core.codec.payload.ProposalSubstructure;

/** Outcome of checking, as initiator, the proposal a responder chose (RFC 7296 2.7, 3.3). */
public sealed interface ResponseCheck {
    /** The responder's choice is one of ours, reduced to one transform per type. */
    record Accepted(Proposal proposal, ProposalSubstructure wire) implements ResponseCheck {}

    /** The response is not a valid choice from what we offered; the SA must not be set up. */
    record Rejected(String reason) implements ResponseCheck {}
}
