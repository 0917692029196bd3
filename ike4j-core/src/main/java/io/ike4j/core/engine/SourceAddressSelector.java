package io.ike4j.core.engine;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Which local address the host would send from to reach a destination (the routing table's choice). The engine asks
 * when it initiates without a concrete local address ({@code local_addrs = %any}), so that NAT detection hashes
 * (RFC 7296 2.23) and the SA's local endpoint carry a real address, not a wildcard. The core does no I/O: the
 * platform supplies the lookup. Empty means unknown (the wildcard address is kept).
 */
@FunctionalInterface
public interface SourceAddressSelector {
    /** Knows nothing: the engine keeps a wildcard local address. */
    SourceAddressSelector NONE = destination -> Optional.empty();

    Optional<InetAddress> sourceFor(InetAddress destination);
}
