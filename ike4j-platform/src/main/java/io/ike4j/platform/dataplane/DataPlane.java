package io.ike4j.platform.dataplane;

import io.ike4j.core.engine.TrapPolicy;
import io.ike4j.core.sa.ChildSaSpec;
import java.util.Optional;

/**
 * Where negotiated CHILD_SAs go: the kernel (XFRM), a user-space ESP implementation, or memory (tests, demos).
 * Implementations are thread-safe; different SAs are installed and removed concurrently.
 */
public interface DataPlane extends AutoCloseable {

    /**
     * Installs both directions of a CHILD_SA (and, for real backends, its policies). The spec's keys are copied;
     * the caller may wipe its own afterwards.
     *
     * @throws DataPlaneException if the backend refuses (e.g. duplicate SPI, unsupported algorithm)
     */
    void install(ChildSaSpec spec) throws DataPlaneException;

    /**
     * Installs a CHILD_SA; with {@code outboundDeferred} (the responder of a rekey, RFC 7296 1.3.3) its outbound SA
     * is used only once the SAs installed before it for the same traffic are removed, so that nothing is sent to the
     * peer before the peer has the new inbound SA (make-before-break). Backends without that control install as usual.
     */
    default void install(ChildSaSpec spec, boolean outboundDeferred) throws DataPlaneException {
        install(spec);
    }

    /**
     * Uses the outbound SA of a CHILD_SA installed with {@code outboundDeferred} now, before the SAs installed before
     * it are removed (the peer has shown it has the new inbound SA). The default keeps the deferral.
     *
     * @return false if no such SA is installed or the backend cannot switch early
     */
    default boolean activateOutbound(long ikeSaId, long childSaId, int inboundSpi) {
        return false;
    }

    /**
     * Removes a CHILD_SA's SAs and policies and wipes its keys.
     *
     * @return false if no such SA was installed
     */
    boolean remove(long ikeSaId, long childSaId, int inboundSpi, int outboundSpi);

    /**
     * Moves an installed CHILD_SA to new outer endpoints (MOBIKE, RFC 4555 3.5; a changed NAT mapping, RFC 7296
     * 2.23): SPIs, keys, sequence numbers and counters stay; ESP goes to {@code remote} from {@code local}, in UDP if
     * {@code udpEncapsulation}. The default refuses (a backend that cannot move SAs).
     *
     * @return false if no such SA is installed or the backend cannot move it
     */
    default boolean updateEndpoints(long ikeSaId, long childSaId, int inboundSpi, int outboundSpi,
                                    io.ike4j.core.engine.Endpoint local, io.ike4j.core.engine.Endpoint remote,
                                    boolean udpEncapsulation) {
        return false;
    }

    /**
     * Installs a virtual IP the peer assigned to us (RFC 7296 3.15) where our tunnelled traffic leaves from, so that
     * it becomes the source of that traffic; {@code peer} is the IKE peer that assigned it. Backends that cannot do
     * this ignore it (the default).
     */
    default void addVirtualIp(java.net.InetAddress address, java.net.InetAddress peer) throws DataPlaneException {
    }

    /** Removes a virtual IP added with {@link #addVirtualIp}; false if it was not installed here. */
    default boolean removeVirtualIp(java.net.InetAddress address) {
        return false;
    }

    /**
     * Installs (or replaces) a trap policy: packets it matches while no CHILD_SA carries them go to the
     * {@link #acquireListener(AcquireListener) acquire listener} instead of out. Backends without traps return false.
     */
    default boolean installTrap(TrapPolicy trap) throws DataPlaneException {
        return false;
    }

    /** Removes a trap policy; false if none was installed under its key. */
    default boolean removeTrap(TrapPolicy trap) {
        return false;
    }

    /** Where acquires from trap policies go (the runtime turns them into {@code EngineInput.Acquire}). */
    default void acquireListener(AcquireListener listener) {
    }

    /**
     * Where the backend reports CHILD_SAs that reached a soft or hard lifetime it enforces itself (the kernel's
     * XFRM_MSG_EXPIRE); the runtime turns them into {@code EngineInput.ChildSaExpired}. Backends that report
     * expiry otherwise (or not at all) ignore it (the default).
     */
    default void expiryListener(ExpiryListener listener) {
    }

    /** Traffic counters of an installed CHILD_SA. */
    Optional<SaCounters> counters(long ikeSaId, long childSaId);

    /**
     * How many CHILD_SAs (each an inbound and an outbound SA) the backend holds installed right now, or -1 if it
     * cannot tell (the default). Fault tests compare it with the SAs the daemon lists: nothing may leak.
     */
    default int installedCount() {
        return -1;
    }

    /** Releases the backend; installed SAs are removed (and wiped). Idempotent. */
    @Override
    void close();
}
