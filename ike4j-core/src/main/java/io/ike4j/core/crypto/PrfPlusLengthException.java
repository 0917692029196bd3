package io.ike4j.core.crypto;

/**
 * prf+ was asked for more output than 255 iterations can produce (RFC 7296 2.13): a proposal whose key
 * lengths exceed what the PRF can key. The caller treats it as a negotiation failure.
 */
public final class PrfPlusLengthException extends Exception {

    private final int requested;
    private final int maximum;

    public PrfPlusLengthException(int requested, int maximum) {
        super("prf+ output of " + requested + " bytes exceeds the maximum of " + maximum);
        this.requested = requested;
        this.maximum = maximum;
    }

    public int requested() {
        return requested;
    }

    public int maximum() {
        return maximum;
    }
}
