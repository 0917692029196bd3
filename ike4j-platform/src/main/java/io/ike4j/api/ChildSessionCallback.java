package io.ike4j.api;

/** Lifecycle of the CHILD_SA created with an {@link IkeSession}; calls are made one at a time, in order. */
public interface ChildSessionCallback {
    /** The CHILD_SA is negotiated and installed in the data plane. */
    void onOpened(ChildSessionConfiguration configuration);

    void onClosed();

    /**
     * The CHILD_SA was rekeyed (RFC 7296 1.3.3, by either side): traffic now flows through the CHILD_SA described by
     * {@code configuration}; the session continues.
     */
    default void onRekeyed(ChildSessionConfiguration configuration) {}

    void onClosedExceptionally(IkeException exception);
}
