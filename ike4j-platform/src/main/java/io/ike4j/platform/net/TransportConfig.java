package io.ike4j.platform.net;

import java.net.InetAddress;
import java.util.List;

/**
 * Where a {@link UdpTransport} listens. Port 0 asks for an ephemeral port (tests, demos): the first socket of that
 * kind picks it and all other local addresses reuse the same number, so every address shares one IKE and one
 * NAT-T port. An empty address list means "every address of every interface that is up" (IPv4 and IPv6).
 */
public record TransportConfig(int ikePort, int natTraversalPort, List<InetAddress> localAddresses) {
    public static final int IKE_PORT = 500;
    public static final int NAT_T_PORT = 4500;

    public TransportConfig {
        checkPort(ikePort);
        checkPort(natTraversalPort);
        if (ikePort != 0 && ikePort == natTraversalPort) {
            throw new IllegalArgumentException("IKE and NAT-T ports must differ: " + ikePort);
        }
        localAddresses = List.copyOf(localAddresses);
    }

    /** The standard ports 500 and 4500 on all interface addresses. */
    public static TransportConfig standard() {
        return new TransportConfig(IKE_PORT, NAT_T_PORT, List.of());
    }

    /** Ephemeral ports on the given addresses only. */
    public static TransportConfig ephemeral(InetAddress... addresses) {
        return new TransportConfig(0, 0, List.of(addresses));
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 0xffff) throw new IllegalArgumentException("port out of range: " + port);
    }
}
