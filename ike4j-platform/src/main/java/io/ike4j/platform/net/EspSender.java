package io.ike4j.platform.net;

import io.ike4j.core.engine.Endpoint;

/** Sends ESP packets in UDP (RFC 3948) from a NAT-T socket; {@link UdpTransport} is the real one. */
public interface EspSender {
    /**
     * Sends {@code packet[off, off+len)} (an ESP packet starting at the SPI) from the NAT-T socket at {@code local}
     * to {@code remote}, without the non-ESP marker. Must not throw; failures are counted and logged.
     *
     * @return false if it could not be sent
     */
    boolean sendEsp(Endpoint local, Endpoint remote, byte[] packet, int off, int len);

    /** The local NAT-T port ESP-in-UDP leaves from. */
    int natTraversalPort();
}
