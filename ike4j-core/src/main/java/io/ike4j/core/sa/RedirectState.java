package io.ike4j.core.sa;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One IKE SA's redirect state (RFC 5685). */
public final class RedirectState {
    /** Responder: the initiator sent REDIRECT_SUPPORTED or REDIRECTED_FROM, so it may be redirected (RFC 5685 4.1, 5). */
    public boolean peerSupports;
    /** Initiator: the gateway that redirected us (sent as REDIRECTED_FROM, RFC 5685 4.2), or null. */
    public InetAddress redirectedFrom;
    /** Initiator: when we followed redirects, for the loop limit (strongSwan: 5 within 300 s). */
    public final List<Instant> history = new ArrayList<>();
    /** Gateway: this SA was redirected in IKE_AUTH and only waits to be reaped. */
    public boolean redirectedAway;
}
