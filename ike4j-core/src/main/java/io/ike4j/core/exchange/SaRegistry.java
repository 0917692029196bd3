package io.ike4j.core.exchange;

import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.sa.IkeSa;
import java.util.Optional;

/** The engine's SA table as the exchanges see it. Thread-safe. */
public interface SaRegistry {
    /** A fresh engine-unique id for an IKE or CHILD SA. */
    long nextId();

    /** A random local IKE SPI that is non-zero and not in use. */
    long newSpi();

    /** Reserves an inbound ESP SPI engine-wide; false if it is in use (duplicate SPIs are never installed). */
    default boolean reserveChildSpi(int spi) { return true; }

    /** The inbound ESP SPI is free again (its CHILD_SA is gone or was never made). */
    default void releaseChildSpi(int spi) {}

    /** Registers {@code sa} under its local SPI. */
    void add(IkeSa sa);

    /** Registers a responder's half-open SA under (peer endpoint, initiator SPI); returns an existing one instead, if any. */
    Optional<IkeSa> addHalfOpen(Endpoint remote, long initiatorSpi, IkeSa sa);

    /** The SA is no longer half-open (established or gone). */
    void halfOpenDone(IkeSa sa);

    int halfOpenCount();

    /**
     * A responder starts answering a new IKE_SA_INIT: returns the half-open SAs plus the requests being answered
     * (this one included), the load the cookie threshold is compared with. Pair with {@link #leaveResponder()}.
     */
    default int enterResponder() {
        return halfOpenCount() + 1;
    }

    default void leaveResponder() {}

    /** Half-open SAs from one peer IP address, any port (strongSwan's block_threshold counts these). */
    default int halfOpenCount(java.net.InetAddress peer) {
        return 0;
    }

    void remove(IkeSa sa);

    CookieUnit cookies();

    /** Every IKE SA in the table (live view; lock an SA before reading it). */
    default java.util.Collection<IkeSa> all() {
        return java.util.List.of();
    }

    /** After an IKE SA rekey: {@code oldLocalSpi} now names {@code retired}, the live SA moves to its new local SPI. */
    void rekeyed(IkeSa live, long oldLocalSpi, IkeSa retired);

    /** The virtual IP pools (RFC 7296 3.15); none unless the engine has some. */
    default io.ike4j.core.pool.AddressPools pools() {
        return new io.ike4j.core.pool.AddressPools();
    }
}
