package io.ike4j.api;

/** What happens on an {@link IkeGateway}: each peer's sessions as they open, close or fail. Calls are serialized. */
public interface IkeGatewayListener {
    default void onIkeSessionOpened(IkeSessionConfiguration configuration) {}

    default void onChildSessionOpened(ChildSessionConfiguration configuration) {}

    /** A CHILD_SA was rekeyed: {@code oldChildSaId} is replaced by the one {@code configuration} describes. */
    default void onChildSessionRekeyed(long oldChildSaId, ChildSessionConfiguration configuration) {}

    /** An IKE SA was rekeyed ({@code oldIkeSaId} equals the configuration's id) or reauthenticated (a new id). */
    default void onIkeSessionRekeyed(long oldIkeSaId, IkeSessionConfiguration configuration, boolean reauthenticated) {}

    default void onChildSessionClosed(long ikeSaId, long childSaId, String reason) {}

    /** A CHILD_SA could not be set up (e.g. {@link TsUnacceptableException}); the IKE SA may live on. */
    default void onChildSessionFailed(long ikeSaId, IkeException exception) {}

    default void onIkeSessionClosed(long ikeSaId, String reason) {}

    /** A peer's IKE SA failed, e.g. {@link AuthenticationFailedException} for a wrong PSK. */
    default void onIkeSessionFailed(long ikeSaId, IkeException exception) {}
}
