package io.ike4j.core.pool;

import io.ike4j.core.codec.payload.ConfigAttribute;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's pools by name: configured from {@link PoolDefinition}s, asked for addresses by the configuration
 * payload (IKEv2, RFC 7296 3.15) or Mode Config (IKEv1). A reload keeps the leases of pools whose range is unchanged.
 * Thread-safe; holds no threads and does no I/O.
 */
public final class AddressPools {
    private final Map<String, PoolDefinition> definitions = new LinkedHashMap<>();
    private final Map<String, AddressPool> pools = new LinkedHashMap<>();

    public AddressPools() {}

    public AddressPools(List<PoolDefinition> config) {
        configure(config);
    }

    /** Replaces the configured pools; leases of a pool with the same name and range survive. */
    public synchronized void configure(List<PoolDefinition> config) {
        Map<String, AddressPool> old = new LinkedHashMap<>(pools);
        definitions.clear();
        pools.clear();
        for (PoolDefinition d : config) {
            definitions.put(d.name(), d);
            d.range().ifPresent(r -> {
                AddressPool p = new AddressPool(d.name(), r);
                AddressPool before = old.get(d.name());
                if (before != null && before.range().equals(r)) p.adopt(before);
                pools.put(d.name(), p);
            });
        }
    }

    public synchronized Optional<PoolDefinition> definition(String name) {
        return Optional.ofNullable(definitions.get(name));
    }

    /**
     * An address of {@code requested}'s family for {@code identity} from the first of {@code poolNames} that has one.
     *
     * @param requested {@code 0.0.0.0} or {@code ::} for any address, or the address the peer would like
     */
    public Optional<PoolAssignment> acquire(List<String> poolNames, String identity, InetAddress requested) {
        return acquire(poolNames, identity, requested, false);
    }

    /** As {@link #acquire(List, String, InetAddress)}; see {@link AddressPool#acquire(String, InetAddress, boolean)}. */
    public Optional<PoolAssignment> acquire(List<String> poolNames, String identity, InetAddress requested,
                                            boolean replacing) {
        for (String n : poolNames) {
            AddressPool p;
            synchronized (this) {
                p = pools.get(n);
            }
            if (p == null) continue;
            Optional<InetAddress> a = p.acquire(identity, requested, replacing);
            if (a.isPresent()) return Optional.of(new PoolAssignment(n, identity, a.get()));
        }
        return Optional.empty();
    }

    /** Gives an assignment back (its lease goes offline); false if the pool or lease is gone. */
    public boolean release(PoolAssignment a) {
        AddressPool p;
        synchronized (this) {
            p = pools.get(a.pool());
        }
        return p != null && p.release(a.identity(), a.address());
    }

    /** The attributes (DNS, NBNS, subnets...) of the named pools, in pool order. */
    public synchronized List<ConfigAttribute> attributes(List<String> poolNames) {
        List<ConfigAttribute> out = new ArrayList<>();
        for (String n : poolNames) {
            PoolDefinition d = definitions.get(n);
            if (d != null) out.addAll(d.attributes());
        }
        return out;
    }

    /** Every configured pool; pools without addresses (attributes only) show no base and size 0. */
    public synchronized List<PoolStatus> status() {
        List<PoolStatus> out = new ArrayList<>();
        for (PoolDefinition d : definitions.values()) {
            AddressPool p = pools.get(d.name());
            out.add(p != null ? p.status() : new PoolStatus(d.name(), Optional.empty(), 0, 0, 0, List.of()));
        }
        return out;
    }
}
