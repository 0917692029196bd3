package io.ike4j.api;

/**
 * Lifecycle of an {@link IkeSession}'s IKE SA. Exactly one of {@link #onClosed()} and
 * {@link #onClosedExceptionally(IkeException)} ends the session; calls are made one at a time, in order.
 */
public interface IkeSessionCallback {
    /** The IKE SA is established with this configuration. */
    void onOpened(IkeSessionConfiguration configuration);

    /**
     * The IKE SA was rekeyed (RFC 7296 1.3.2) or, when {@code reauthenticated}, replaced by a newly authenticated one;
     * the session continues with {@code configuration}.
     */
    default void onRekeyed(IkeSessionConfiguration configuration, boolean reauthenticated) {}

    /** The session ended because it was closed (locally or by the peer). */
    void onClosed();

    /** The session failed (during setup or later). */
    void onClosedExceptionally(IkeException exception);
}
