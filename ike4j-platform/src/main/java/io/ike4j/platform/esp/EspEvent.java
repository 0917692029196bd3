package io.ike4j.platform.esp;

/**
 * Something the IKE side must act on, reported once per SA direction when it happens: a soft lifetime crossed
 * (start a rekey), a hard lifetime reached or the sequence number space exhausted (the SA no longer works).
 * Time-based lifetimes are not tracked here: the IKE engine owns those timers.
 */
public record EspEvent(long ikeSaId, long childSaId, int spi, Direction direction, Kind kind) {

    public enum Direction { INBOUND, OUTBOUND }

    public enum Kind {
        /** Soft byte or packet limit crossed: rekey now. */
        SOFT_LIFETIME,
        /** Hard byte or packet limit reached: the direction refuses further packets. */
        HARD_LIFETIME,
        /** RFC 4303 3.3.3: the 32-bit sequence number would cycle; outbound refuses to send. */
        SEQUENCE_EXHAUSTED
    }

    @Override
    public String toString() {
        return String.format("EspEvent[%s %s spi=%08x ike=%d child=%d]", kind, direction, spi, ikeSaId, childSaId);
    }
}
