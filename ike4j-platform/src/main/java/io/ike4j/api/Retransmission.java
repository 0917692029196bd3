package io.ike4j.api;

import io.ike4j.core.config.EngineSettings;
import io.ike4j.platform.net.UdpTransport;
import java.time.Duration;

/**
 * Retransmission of requests (RFC 7296 2.1): the first timeout, the growth factor and the number of
 * retransmissions before the peer is declared dead. strongSwan's defaults are 4 s, 1.8 and 5.
 */
public record Retransmission(Duration timeout, double base, int tries) {
    public static final Retransmission DEFAULT = new Retransmission(Duration.ofSeconds(4), 1.8, 5);

    public Retransmission {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
        if (base < 1.0) throw new IllegalArgumentException("base must be >= 1");
        if (tries < 0) throw new IllegalArgumentException("tries must be >= 0");
    }

    /** Engine settings with this retransmission and the ports the transport really bound (RFC 7296 2.23 floating). */
    EngineSettings toSettings(UdpTransport transport) {
        return EngineSettings.builder().retransmitTimeout(timeout).retransmitBase(base).retransmitTries(tries)
                .ikePort(transport.ikePort()).natTraversalPort(transport.natTraversalPort()).build();
    }
}
