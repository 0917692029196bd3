package io.ike4j.core.pool;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/** A pool as {@code list-pools} shows it (strongSwan's {@code swanctl --list-pools} columns). */
public record PoolStatus(String name, Optional<InetAddress> base, long size, int online, int offline, List<Lease> leases) {
    public PoolStatus {
        leases = List.copyOf(leases);
    }
}
