package io.ike4j.platform.dataplane;

import io.ike4j.platform.tun.IpRoute2;
import java.io.IOException;
import java.util.Optional;

/** Adds and deletes the routes that steer traffic for remote traffic selectors into a {@link PacketDevice}. */
public interface RouteInstaller {

    /** Routes {@code cidr} into the device, preferring {@code source} as the source address when given. */
    void add(String cidr, Optional<String> source) throws IOException;

    void delete(String cidr) throws IOException;

    /** Puts an address ({@code 10.3.0.1/32}, {@code fd00::1/128}) on the device: a virtual IP (RFC 7296 3.15). */
    default void addAddress(String cidr) throws IOException {
        throw new IOException("this route installer cannot add addresses");
    }

    default void deleteAddress(String cidr) throws IOException {
        throw new IOException("this route installer cannot delete addresses");
    }

    /**
     * Keeps {@code host} (the IKE/ESP peer) on the path it takes now, so routes into the device that cover it (a full
     * tunnel, remote selector 0.0.0.0/0) do not capture the tunnel's own packets.
     *
     * @return false if nothing was added (nothing to pin, or a host route exists already): then nothing to unpin
     */
    default boolean pinHost(java.net.InetAddress host) throws IOException {
        return false;
    }

    /** Removes what {@link #pinHost} added. */
    default void unpinHost(java.net.InetAddress host) throws IOException {
    }

    /** Routes through iproute2 ({@code ip route replace CIDR dev DEVICE [src ADDR]}). */
    static RouteInstaller ipRoute2(IpRoute2 ip, String device) {
        return new RouteInstaller() {
            @Override
            public void add(String cidr, Optional<String> source) throws IOException {
                ip.addRoute(cidr, device, source);
            }

            @Override
            public void delete(String cidr) throws IOException {
                ip.deleteRoute(cidr, device);
            }

            @Override
            public void addAddress(String cidr) throws IOException {
                ip.addAddress(device, cidr);
            }

            @Override
            public void deleteAddress(String cidr) throws IOException {
                ip.deleteAddress(device, cidr);
            }

            @Override
            public boolean pinHost(java.net.InetAddress host) throws IOException {
                return ip.pinHost(host.getHostAddress(), device);
            }

            @Override
            public void unpinHost(java.net.InetAddress host) throws IOException {
                ip.unpinHost(host.getHostAddress());
            }
        };
    }
}
