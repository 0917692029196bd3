package io.ike4j.core.policy;

/** A traffic selector string (swanctl.conf local_ts/remote_ts syntax) that is not valid; names the bad part. */
public final class TrafficSelectorParseException extends Exception {
    private static final long serialVersionUID = 1L;

    public TrafficSelectorParseException(String message) {
        super(message);
    }
}
