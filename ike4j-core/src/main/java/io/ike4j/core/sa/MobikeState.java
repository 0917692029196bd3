package io.ike4j.core.sa;

import java.net.InetAddress;
import java.util.List;

/** One IKE SA's MOBIKE state (RFC 4555): whether both sides support it, the peer's addresses, a pending return routability check. */
public final class MobikeState {
    /** We announced MOBIKE_SUPPORTED (initiator: in the IKE_AUTH request). */
    public boolean announced;
    /** Both sides sent MOBIKE_SUPPORTED (RFC 4555 3.1): address updates are negotiated, not followed implicitly. */
    public boolean enabled;
    /** The peer's additional addresses (RFC 4555 3.4, 3.6), not including the one the IKE SA uses. */
    public List<InetAddress> peerAdditional = List.of();
    /** The COOKIE2 data of our return routability check in flight (RFC 4555 3.5), or null. */
    public byte[] cookie2;
    /** Our request in flight carries UPDATE_SA_ADDRESSES (initiator) rather than only an address list or a check. */
    public boolean updateInFlight;
    /** The MOBIKE initiator (the original IKE SA initiator, RFC 4555 3.1: it alone decides the addresses, even after an IKE rekey). */
    public boolean initiator;
    /** The host's local addresses as last reported by the platform (empty: unknown). */
    public List<InetAddress> localAddresses = List.of();
    /** Responder: the path of the request being answered is kept (an accepted UPDATE_SA_ADDRESSES). */
    public boolean keepRequestPath;
    /** Completed UPDATE_SA_ADDRESSES exchanges (either role), for diagnostics and tests. */
    public int updates;
}
