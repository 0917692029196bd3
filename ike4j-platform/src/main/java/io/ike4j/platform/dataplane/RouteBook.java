package io.ike4j.platform.dataplane;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reference-counted routes: several CHILD_SAs (e.g. the old and the new one during a rekey, or two connections to
 * the same subnet) may need the same route; it is added for the first and deleted after the last. Not thread-safe:
 * the data plane serializes installs and removals.
 */
final class RouteBook {
    private static final System.Logger LOG = System.getLogger(RouteBook.class.getName());

    private final RouteInstaller installer;
    private final Map<String, Integer> refs = new HashMap<>();
    /** Peers pinned to their path, with how many CHILD_SAs need it and whether a host route was really added. */
    private final Map<java.net.InetAddress, Integer> pins = new HashMap<>();
    private final java.util.Set<java.net.InetAddress> pinned = new java.util.HashSet<>();

    RouteBook(RouteInstaller installer) {
        this.installer = installer;
    }

    /** Adds (or references) a route per prefix; on failure nothing stays added. */
    void acquire(List<String> cidrs, Optional<String> source4, Optional<String> source6) throws IOException {
        int done = 0;
        try {
            for (String c : cidrs) {
                if (refs.getOrDefault(c, 0) == 0) installer.add(c, c.contains(":") ? source6 : source4);
                refs.merge(c, 1, Integer::sum);
                done++;
            }
        } catch (IOException e) {
            release(cidrs.subList(0, done));
            throw e;
        }
    }

    /** Drops one reference per prefix and deletes routes nobody needs any more (failures are logged). */
    void release(List<String> cidrs) {
        for (String c : cidrs) {
            Integer n = refs.get(c);
            if (n == null) continue;
            if (n > 1) {
                refs.put(c, n - 1);
                continue;
            }
            refs.remove(c);
            try {
                installer.delete(c);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "deleting route {0}: {1}", c, e.getMessage());
            }
        }
    }

    void addAddress(String cidr) throws IOException {
        installer.addAddress(cidr);
    }

    void deleteAddress(String cidr) throws IOException {
        installer.deleteAddress(cidr);
    }

    /** Pins (or references the pin of) a peer's host route; see {@link RouteInstaller#pinHost}. */
    void pin(java.net.InetAddress host) throws IOException {
        if (pins.getOrDefault(host, 0) == 0 && installer.pinHost(host)) pinned.add(host);
        pins.merge(host, 1, Integer::sum);
    }

    /** Drops one reference to a peer's pin; the host route goes with the last. */
    void unpin(java.net.InetAddress host) {
        Integer n = pins.get(host);
        if (n == null) return;
        if (n > 1) {
            pins.put(host, n - 1);
            return;
        }
        pins.remove(host);
        if (!pinned.remove(host)) return;
        try {
            installer.unpinHost(host);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "deleting the host route to {0}: {1}", host.getHostAddress(), e.getMessage());
        }
    }

    /** Peers currently pinned, with their reference counts. */
    Map<java.net.InetAddress, Integer> pins() {
        return Map.copyOf(pins);
    }

    /** Prefixes currently routed, with their reference counts. */
    Map<String, Integer> routes() {
        return Map.copyOf(refs);
    }

    /**
     * Forgets every route into the device without deleting it (the device is going away and takes its routes
     * along); the peers' host routes are on other devices and are deleted.
     */
    void forget() {
        refs.clear();
        for (java.net.InetAddress h : List.copyOf(pins.keySet())) {
            pins.put(h, 1);
            unpin(h);
        }
    }
}
