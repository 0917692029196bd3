package io.ike4j.core.engine;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/** An IP address and UDP port: where an IKE message was received or is to be sent. */
public record Endpoint(InetAddress address, int port) {
    public Endpoint {
        if (port < 0 || port > 0xffff) throw new IllegalArgumentException("port out of range: " + port);
    }

    public static Endpoint of(InetSocketAddress a) {
        return new Endpoint(a.getAddress(), a.getPort());
    }

    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(address, port);
    }

    @Override
    public String toString() {
        String host = address.getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
