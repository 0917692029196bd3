package io.ike4j.api;

/** NO_PROPOSAL_CHOSEN (14): no proposal of one side was acceptable to the other (RFC 7296 3.10.1). */
public final class NoProposalChosenException extends IkeProtocolException {
    public NoProposalChosenException(String reason) {
        super(NO_PROPOSAL_CHOSEN, reason);
    }
}
