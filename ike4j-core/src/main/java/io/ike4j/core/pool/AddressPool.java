package io.ike4j.core.pool;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Leases of one address pool, with strongSwan's in-memory pool semantics: an address stays bound to the identity it
 * was handed to; when the identity's IKE SA goes away the lease goes <em>offline</em> and the same identity gets the
 * same address back next time. Unused addresses are handed out before offline leases of other identities are taken
 * over (oldest first). An identity may hold several online leases (several SAs, {@code unique = no}); asking for an
 * address it already holds online (reauthentication, make-before-break) shares that lease. Thread-safe.
 */
public final class AddressPool {
    private final String name;
    private final PoolRange range;
    /** Index → identity, for every address ever handed out (online or offline). */
    private final TreeMap<Long, String> owners = new TreeMap<>();
    /** Index → number of SAs using it; absent when offline. */
    private final Map<Long, Integer> online = new HashMap<>();
    /** Offline indexes, oldest first. */
    private final LinkedHashSet<Long> offline = new LinkedHashSet<>();
    private long nextUnused;

    public AddressPool(String name, PoolRange range) {
        this.name = name;
        this.range = range;
    }

    public String name() {
        return name;
    }

    public PoolRange range() {
        return range;
    }

    /**
     * Hands an address to {@code identity}: {@code requested} if it is this identity's (online or offline), else an
     * offline lease of the identity, else an unused address, else the oldest offline lease of another identity.
     *
     * @param requested the address the peer asked for; {@code 0.0.0.0} / {@code ::} or one outside the pool for any
     * @return empty when the pool is exhausted (every address online) or of the other family
     */
    public synchronized Optional<InetAddress> acquire(String identity, InetAddress requested) {
        return acquire(identity, requested, false);
    }

    /**
     * As {@link #acquire(String, InetAddress)}; with {@code replacing} the identity's SAs are about to be replaced
     * (INITIAL_CONTACT, {@code unique = replace}): one of its online leases is shared rather than a new address taken,
     * so a client that lost its state gets its address back.
     */
    public synchronized Optional<InetAddress> acquire(String identity, InetAddress requested, boolean replacing) {
        if (requested != null && (requested.getAddress().length == 16) != range.ipv6()) return Optional.empty();
        long want = requested == null ? -1 : range.indexOf(requested);
        if (want >= 0 && identity.equals(owners.get(want))) return Optional.of(take(want));
        if (replacing) {
            for (Map.Entry<Long, String> e : owners.entrySet()) {
                if (e.getValue().equals(identity) && online.containsKey(e.getKey())) return Optional.of(take(e.getKey()));
            }
        }
        for (Map.Entry<Long, String> e : owners.entrySet()) {
            if (e.getValue().equals(identity) && offline.contains(e.getKey())) return Optional.of(take(e.getKey()));
        }
        if (nextUnused < range.size()) {
            long i = nextUnused++;
            owners.put(i, identity);
            return Optional.of(take(i));
        }
        if (!offline.isEmpty()) {
            long i = offline.getFirst();
            owners.put(i, identity);
            return Optional.of(take(i));
        }
        return Optional.empty();
    }

    private InetAddress take(long index) {
        offline.remove(index);
        online.merge(index, 1, Integer::sum);
        return range.address(index);
    }

    /** An SA of {@code identity} no longer uses {@code address}; returns false if it held no such lease. */
    public synchronized boolean release(String identity, InetAddress address) {
        long i = range.indexOf(address);
        if (i < 0 || !identity.equals(owners.get(i)) || !online.containsKey(i)) return false;
        int n = online.get(i) - 1;
        if (n > 0) {
            online.put(i, n);
        } else {
            online.remove(i);
            offline.add(i);
        }
        return true;
    }

    public synchronized PoolStatus status() {
        List<Lease> leases = new ArrayList<>();
        owners.forEach((i, id) -> leases.add(new Lease(id, range.address(i), online.containsKey(i))));
        return new PoolStatus(name, Optional.of(range.base()), range.size(), online.size(), offline.size(), leases);
    }

    /** Moves the leases of {@code old} (same range) into this pool, e.g. after a configuration reload. */
    synchronized void adopt(AddressPool old) {
        synchronized (old) {
            owners.putAll(old.owners);
            online.putAll(old.online);
            offline.addAll(old.offline);
            nextUnused = old.nextUnused;
        }
    }
}
