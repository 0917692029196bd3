package io.ike4j.platform.dataplane;

import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Picks the source address for routes into the TUN device: an address of this host inside the local traffic
 * selectors (as strongSwan's kernel-libipsec does), so that locally originated packets match the SA's selectors.
 */
final class LocalSources {
    private LocalSources() {
    }

    /** Every address of every interface of this network namespace (loopback included: inner addresses live there). */
    static List<InetAddress> hostAddresses() {
        List<InetAddress> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                out.addAll(Collections.list(nif.getInetAddresses()));
            }
        } catch (SocketException e) {
            return List.of();
        }
        return out;
    }

    /** The first of {@code candidates} of the family ({@code ipv6} or not) inside one of {@code local}'s ranges. */
    static Optional<InetAddress> pick(List<TrafficSelectorSubstructure> local, List<InetAddress> candidates, boolean ipv6) {
        for (InetAddress a : candidates) {
            if ((a instanceof Inet4Address) == ipv6) continue;
            if (a.isLinkLocalAddress()) continue;
            byte[] b = a.getAddress();
            for (TrafficSelectorSubstructure ts : local) {
                byte[] s = ts.startAddress();
                byte[] e = ts.endAddress();
                if (s.length != b.length || e.length != b.length) continue;
                if (Arrays.compareUnsigned(b, s) >= 0 && Arrays.compareUnsigned(b, e) <= 0) return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
