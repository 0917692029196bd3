package io.ike4j.platform.dataplane;

import java.io.IOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Virtual IPs (RFC 7296 3.15) of a kernel data plane: each address goes on the interface towards the peer that
 * assigned it (as strongSwan's kernel-netlink does), once, however many IKE SAs hold it, and comes off with the last.
 */
final class KernelVirtualIps {
    private static final System.Logger LOG = System.getLogger(KernelVirtualIps.class.getName());

    private record Held(String device, int holders) {}

    private final VirtualIpInstaller installer;
    private final Map<InetAddress, Held> held = new HashMap<>();

    KernelVirtualIps(VirtualIpInstaller installer) {
        this.installer = installer;
    }

    synchronized void add(InetAddress address, InetAddress peer) throws DataPlaneException {
        Held h = held.get(address);
        if (h != null) {
            held.put(address, new Held(h.device(), h.holders() + 1));
            return;
        }
        try {
            String device = installer.interfaceTowards(peer);
            installer.add(device, hostCidr(address));
            held.put(address, new Held(device, 1));
            LOG.log(System.Logger.Level.INFO, "installed virtual IP {0} on {1}", address.getHostAddress(), device);
        } catch (IOException e) {
            throw new DataPlaneException("installing virtual IP " + address.getHostAddress() + " failed: " + e.getMessage(), e);
        }
    }

    synchronized boolean remove(InetAddress address) {
        Held h = held.get(address);
        if (h == null) return false;
        if (h.holders() > 1) {
            held.put(address, new Held(h.device(), h.holders() - 1));
            return true;
        }
        held.remove(address);
        try {
            installer.delete(h.device(), hostCidr(address));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "removing virtual IP {0}: {1}", address.getHostAddress(), e.getMessage());
        }
        return true;
    }

    /** Takes every address off (the data plane closes). */
    synchronized void removeAll() {
        for (InetAddress a : List.copyOf(held.keySet())) {
            held.put(a, new Held(held.get(a).device(), 1));
            remove(a);
        }
    }

    private static String hostCidr(InetAddress a) {
        return a.getHostAddress() + (a.getAddress().length == 4 ? "/32" : "/128");
    }
}
