package io.ike4j.core.engine;

/**
 * Names one timer of one SA. Starting a timer with an id that is already armed replaces it.
 * {@code ikeSaId} is the engine's unique id of the IKE SA (not an SPI); {@code detail} distinguishes
 * several timers of a kind (e.g. a CHILD_SA's id), 0 where unused.
 */
public record TimerId(long ikeSaId, TimerKind kind, long detail) {
    public enum TimerKind {
        RETRANSMIT,
        HALF_OPEN_TIMEOUT,
        NAT_KEEPALIVE,
        DPD,
        IKE_REKEY,
        IKE_REAUTH,
        IKE_EXPIRE,
        CHILD_REKEY,
        CHILD_EXPIRE,
        DELETE_OLD,
        INITIATE_RETRY,
        COOKIE_SECRET_ROTATION
    }
}
