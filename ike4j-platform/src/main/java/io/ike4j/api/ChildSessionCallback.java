package io.ike4j.api;

/** Lifecycle of the CHILD_SA created with an {@link IkeSession}; calls are made one at a time, in order. */
public interface ChildSessionCallback {
    /** The CHILD_SA is negotiated and installed in the data plane. */
    void onOpened(ChildSessionConfiguration configuration);

    void onClosed();

    void onClosedExceptionally(IkeException exception);
}
