package io.ike4j.platform.net;

import io.ike4j.core.engine.Endpoint;

/**
 * Receives IKE datagrams from a {@link UdpTransport}: {@code local} is the exact address and port the datagram
 * arrived on, {@code remote} its source. On the NAT-T port the non-ESP marker has already been removed (RFC 3948 2.2).
 * Called on the channel's receive thread: implementations hand the work off quickly and must not throw.
 */
@FunctionalInterface
public interface DatagramHandler {
    void onIkeDatagram(Endpoint local, Endpoint remote, byte[] data);
}
