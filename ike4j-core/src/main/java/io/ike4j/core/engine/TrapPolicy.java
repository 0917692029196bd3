package io.ike4j.core.engine;

import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import io.ike4j.core.sa.ChildSaSpec;
import java.net.InetAddress;
import java.util.List;

/**
 * A trap policy (strongSwan's "routed" CHILD_SA): the configured selectors of {@code connection}/{@code child} with
 * {@code dynamic} resolved to the outer addresses. Packets from {@code localSelectors} to {@code remoteSelectors}
 * that no installed CHILD_SA carries trigger an acquire (RFC 4301 4.4.1: the SPD entry exists, the SA does not).
 * {@code local} may be the wildcard address when the connection names none.
 */
public record TrapPolicy(String connection, String child, ChildSaSpec.Mode mode, InetAddress local, InetAddress remote,
                         List<TrafficSelectorSubstructure> localSelectors, List<TrafficSelectorSubstructure> remoteSelectors) {
    public TrapPolicy {
        localSelectors = List.copyOf(localSelectors);
        remoteSelectors = List.copyOf(remoteSelectors);
    }

    /** The key a trap is installed under: one trap per connection and child. */
    public String key() {
        return connection + "/" + child;
    }
}
