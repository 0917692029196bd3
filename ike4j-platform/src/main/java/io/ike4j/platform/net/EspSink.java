package io.ike4j.platform.net;

import io.ike4j.core.engine.Endpoint;

/**
 * Where ESP-in-UDP packets received on the NAT-T port go (RFC 3948 2.1: a datagram whose first four bytes are a
 * non-zero SPI). The user-space data plane plugs in here; until then the transport drops and counts them.
 */
@FunctionalInterface
public interface EspSink {
    /** A sink that accepts nothing: every packet is counted as dropped. */
    EspSink DROP = (local, remote, packet) -> false;

    /**
     * Offers one ESP packet (starting at the SPI). Called on the receive thread; must not throw.
     *
     * @return true if the packet was taken, false to have the transport count it as dropped
     */
    boolean onEspPacket(Endpoint local, Endpoint remote, byte[] packet);
}
