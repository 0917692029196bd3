package io.ike4j.platform.dataplane;

import io.ike4j.core.engine.TrapPolicy;
import io.ike4j.platform.esp.FlowMatcher;
import io.ike4j.platform.tun.Cidrs;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Trap policies of the user-space data plane: each routes its remote selectors into the TUN device (sharing the
 * {@link RouteBook} with the CHILD_SAs); a packet read from the device that no SA carries but a trap matches raises
 * an acquire (RFC 4301 4.4.1), at most once per {@link #ACQUIRE_INTERVAL_NANOS} per trap, and is dropped (as the
 * kernel does without acquire queueing). Thread-safe.
 */
final class UserspaceTraps {
    /** Acquires of one trap are repeated at most this often while packets keep coming (the engine ignores repeats). */
    static final long ACQUIRE_INTERVAL_NANOS = 3_000_000_000L;

    private record Trap(TrapPolicy policy, FlowMatcher matcher, List<String> routes, AtomicLong lastAcquire) {}

    private final RouteBook routes;
    private final Supplier<List<InetAddress>> hostAddresses;
    private final LongSupplier nanos;
    private final Map<String, Trap> traps = new ConcurrentHashMap<>();
    private volatile AcquireListener listener = AcquireListener.NONE;

    UserspaceTraps(RouteBook routes, Supplier<List<InetAddress>> hostAddresses, LongSupplier nanos) {
        this.routes = routes;
        this.hostAddresses = hostAddresses;
        this.nanos = nanos;
    }

    void listener(AcquireListener l) {
        listener = l == null ? AcquireListener.NONE : l;
    }

    /** Called with the data plane's lock held (routes are shared with the SAs). */
    void install(TrapPolicy t) throws DataPlaneException {
        List<String> cidrs = Cidrs.of(t.remoteSelectors());
        List<InetAddress> addrs = hostAddresses.get();
        Optional<String> src4 = LocalSources.pick(t.localSelectors(), addrs, false).map(InetAddress::getHostAddress);
        Optional<String> src6 = LocalSources.pick(t.localSelectors(), addrs, true).map(InetAddress::getHostAddress);
        try {
            routes.acquire(cidrs, src4, src6);
        } catch (IOException e) {
            throw new DataPlaneException("routing trap " + t.key() + " " + cidrs + " failed: " + e.getMessage(), e);
        }
        Trap old = traps.put(t.key(), new Trap(t, new FlowMatcher(t.localSelectors(), t.remoteSelectors()), cidrs,
                new AtomicLong(nanos.getAsLong() - ACQUIRE_INTERVAL_NANOS)));
        if (old != null) routes.release(old.routes());
    }

    /** Called with the data plane's lock held. */
    boolean remove(TrapPolicy t) {
        Trap old = traps.remove(t.key());
        if (old == null) return false;
        routes.release(old.routes());
        return true;
    }

    /** A packet no SA carries: true if a trap matched it (an acquire was raised unless one was just raised). */
    boolean trapped(byte[] packet, int off, int len) {
        for (Trap t : traps.values()) {
            if (!t.matcher().matches(packet, off, len)) continue;
            long now = nanos.getAsLong();
            long last = t.lastAcquire().get();
            if (now - last >= ACQUIRE_INTERVAL_NANOS && t.lastAcquire().compareAndSet(last, now)) {
                listener.acquire(t.policy().connection(), t.policy().child());
            }
            return true;
        }
        return false;
    }

    List<TrapPolicy> installed() {
        return traps.values().stream().map(Trap::policy).toList();
    }

    void clear() {
        traps.clear();
    }
}
