package io.ike4j.core.sa;

import io.ike4j.core.codec.payload.ConfigAttribute;
import io.ike4j.core.pool.PoolAssignment;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * An IKE SA's virtual IPs (RFC 7296 3.15). Responder: the addresses leased to the peer from our pools (given back
 * when the SA dies). Initiator: whether we asked, and the addresses and attributes (DNS...) the peer assigned us.
 */
public final class VirtualIpState {
    /** Responder: leases held for the peer. */
    public final List<PoolAssignment> leased = new ArrayList<>();
    /** Initiator: a CFG_REQUEST was sent. */
    public boolean requested;
    /** Initiator: addresses assigned to us. */
    public final List<InetAddress> assigned = new ArrayList<>();
    /** Initiator: the other attributes of the CFG_REPLY (DNS, NBNS, subnets...). */
    public final List<ConfigAttribute> attributes = new ArrayList<>();

    /** The peer's virtual IPs (responder side). */
    public List<InetAddress> peerAddresses() {
        return leased.stream().map(PoolAssignment::address).toList();
    }
}
