package io.ike4j.platform.net;

import java.net.InetAddress;

/**
 * Sends ESP packets without UDP encapsulation, as IP protocol 50 (RFC 4303 2), e.g. through {@link RawEspSocket}.
 * Used for CHILD_SAs whose IKE SA found no NAT (RFC 7296 2.23: then ESP is not encapsulated).
 */
public interface PlainEspSender extends AutoCloseable {
    /**
     * Sends {@code packet[off, off+len)} (an ESP packet starting at the SPI) to {@code remote} as the payload of an
     * IP packet with protocol 50. Must not throw; failures are counted.
     *
     * @return false if it could not be sent
     */
    boolean sendPlainEsp(InetAddress remote, byte[] packet, int off, int len);

    /** Stops receiving and closes the sockets. Idempotent. */
    @Override
    void close();
}
