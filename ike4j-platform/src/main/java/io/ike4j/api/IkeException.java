package io.ike4j.api;

/**
 * Why an IKE or Child session failed. Checked: applications decide what to do with each kind. Messages never
 * contain key material.
 */
public abstract sealed class IkeException extends Exception
        permits IkeProtocolException, IkeTimeoutException, IkeInternalException {
    protected IkeException(String message) {
        super(message);
    }

    protected IkeException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The exception for a failure the engine reported: a Notify error type (RFC 7296 3.10.1) becomes the matching
     * {@link IkeProtocolException}; no notify and a retransmission/half-open timeout becomes an
     * {@link IkeTimeoutException}; anything else an {@link IkeInternalException}.
     */
    public static IkeException fromFailure(int notifyType, String reason) {
        if (notifyType != 0) return IkeProtocolException.forNotify(notifyType, reason);
        String r = reason == null ? "" : reason.toLowerCase(java.util.Locale.ROOT);
        if (r.contains("timeout") || r.contains("timed out") || r.contains("retransmi")) return new IkeTimeoutException(reason);
        return new IkeInternalException(reason == null ? "failed" : reason);
    }
}
