package io.ike4j.core.config;

import java.net.InetAddress;
import java.util.List;

/**
 * Virtual IPs of a connection (RFC 7296 3.15): {@code vips} are the addresses we ask the peer for as initiator
 * ({@code 0.0.0.0} / {@code ::} for any of that family), {@code pools} the pools we serve the peer's requests from.
 * {@code push}: IKEv1 Mode Config push mode (swanctl {@code pull = no}: the gateway SETs the address, the client
 * ACKs); the default is pull (the client REQUESTs, the gateway REPLYs). IKEv2 ignores it.
 */
public record VirtualIps(List<InetAddress> requested, List<String> pools, boolean push) {
    public static final VirtualIps NONE = new VirtualIps(List.of(), List.of());

    public VirtualIps {
        requested = List.copyOf(requested);
        pools = List.copyOf(pools);
    }

    /** Pull mode (strongSwan's default). */
    public VirtualIps(List<InetAddress> requested, List<String> pools) {
        this(requested, pools, false);
    }
}
