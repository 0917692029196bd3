package io.ike4j.daemon.control;

import java.util.List;

/** A loaded connection as shown by {@code list-conns} (like {@code swanctl --list-conns}). */
public record ConnectionSummary(String name, int version, List<String> localAddrs, List<String> remoteAddrs,
                                String localAuth, String localId, String remoteAuth, String remoteId, List<Child> children) {
    public ConnectionSummary {
        localAddrs = List.copyOf(localAddrs);
        remoteAddrs = List.copyOf(remoteAddrs);
        children = List.copyOf(children);
    }

    public record Child(String name, String mode, List<String> localTs, List<String> remoteTs) {
        public Child {
            localTs = List.copyOf(localTs);
            remoteTs = List.copyOf(remoteTs);
        }
    }
}
