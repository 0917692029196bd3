package io.ike4j.core.engine;

/** Lifecycle events of IKE and CHILD SAs, reported through {@link EngineOutput.Notify}. */
public sealed interface SaEvent {
    long ikeSaId();

    String connection();

    record IkeSaEstablished(long ikeSaId, String connection, IkeSaInfo info) implements SaEvent {}

    /** The IKE SA is gone; {@code reason} says why in words a log line can carry (never key material). */
    record IkeSaClosed(long ikeSaId, String connection, String reason) implements SaEvent {}

    /** Setting up failed; {@code notifyType} is the IANA Notify type received or sent (e.g. 14 NO_PROPOSAL_CHOSEN), 0 if none. */
    record IkeSaFailed(long ikeSaId, String connection, int notifyType, String reason) implements SaEvent {}

    /** An established IKE SA changed what {@code info} shows, e.g. its endpoints after a MOBIKE update (RFC 4555 3.5). */
    record IkeSaUpdated(long ikeSaId, String connection, IkeSaInfo info) implements SaEvent {}

    record ChildSaEstablished(long ikeSaId, String connection, long childSaId, String child, ChildSaInfo info) implements SaEvent {}

    record ChildSaClosed(long ikeSaId, String connection, long childSaId, String child, String reason) implements SaEvent {}

    /**
     * A CHILD_SA was rekeyed (RFC 7296 1.3.3): {@code newChildSaId} carries the traffic now; {@code oldChildSaId} stays
     * for inbound packets until its Delete. After a collision (2.8.1) this names the surviving CHILD_SA on both sides.
     */
    record ChildSaRekeyed(long ikeSaId, String connection, long oldChildSaId, long newChildSaId, String child,
                          ChildSaInfo info) implements SaEvent {}

    /** The IKE SA was rekeyed in place (RFC 7296 1.3.2) or replaced by reauthentication ({@code reauthenticated}). */
    record IkeSaRekeyed(long ikeSaId, String connection, long oldIkeSaId, boolean reauthenticated, IkeSaInfo info)
            implements SaEvent {}

    record ChildSaFailed(long ikeSaId, String connection, String child, int notifyType, String reason) implements SaEvent {}
}
