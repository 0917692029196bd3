package io.ike4j.core.proposal;

/**
 * A proposal string that strongSwan's syntax does not allow. {@link #keyword()} is the offending token
 * (empty for errors about the proposal as a whole) and {@link #position()} its 0-based character offset
 * in the full configured string (the proposal's start for proposal-wide errors).
 */
public final class ProposalParseException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String keyword;
    private final int position;

    public ProposalParseException(String message, String keyword, int position) {
        super(message);
        this.keyword = keyword;
        this.position = position;
    }

    public String keyword() {
        return keyword;
    }

    public int position() {
        return position;
    }
}
