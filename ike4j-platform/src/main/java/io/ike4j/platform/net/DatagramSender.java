package io.ike4j.platform.net;

import io.ike4j.core.engine.Endpoint;

/** The sending half of a transport, as the runtime sees it. Failures are logged and counted, never thrown. */
public interface DatagramSender {
    /**
     * Sends an IKE message from {@code local} to {@code remote}; on a NAT-T socket the non-ESP marker is prepended.
     *
     * @return false if it could not be sent (no socket for {@code local}, too large, I/O error)
     */
    boolean sendIke(Endpoint local, Endpoint remote, byte[] data);

    /** Sends a NAT-keepalive (the single byte 0xFF, RFC 3948 2.3) from the NAT-T socket at {@code local}. */
    boolean sendKeepalive(Endpoint local, Endpoint remote);
}
