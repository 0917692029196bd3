package io.ike4j.platform.net;

import io.ike4j.core.engine.Endpoint;
import java.util.Arrays;

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

    /**
     * Offers the ESP packet {@code buffer[off, off+len)} without a copy: the buffer is the transport's receive buffer
     * and is reused as soon as this returns. The transport calls this one; the default copies and calls
     * {@link #onEspPacket(Endpoint, Endpoint, byte[])}. Allocation-free sinks override it.
     */
    default boolean onEspPacket(Endpoint local, Endpoint remote, byte[] buffer, int off, int len) {
        return onEspPacket(local, remote, Arrays.copyOfRange(buffer, off, off + len));
    }
}
