package io.ike4j.platform.xfrm;

import java.net.InetAddress;

/**
 * {@code struct xfrm_selector}: which packets a policy (or a transport-mode SA) applies to. Addresses are
 * prefixes; ports are matched under their masks (0 = any). {@code family} 0 with null addresses is the
 * all-zero selector that iproute2 sends for an SA without "sel".
 */
public record XfrmSelector(int family, InetAddress source, int sourcePrefixLength, InetAddress destination,
                           int destinationPrefixLength, int protocol, int sourcePort, int sourcePortMask,
                           int destinationPort, int destinationPortMask, int ifindex) {

    public static final XfrmSelector NONE = new XfrmSelector(0, null, 0, null, 0, 0, 0, 0, 0, 0, 0);

    public XfrmSelector {
        if (source != null && destination != null && source.getClass() != destination.getClass()) {
            throw new IllegalArgumentException("selector mixes IPv4 and IPv6");
        }
        int max = family == XfrmAbi.AF_INET6 ? 128 : 32;
        if (sourcePrefixLength < 0 || sourcePrefixLength > max || destinationPrefixLength < 0 || destinationPrefixLength > max) {
            throw new IllegalArgumentException("prefix length out of range");
        }
    }

    /** A selector for all traffic between two prefixes, any protocol and port. */
    public static XfrmSelector of(InetAddress source, int sourcePrefixLength, InetAddress destination, int destinationPrefixLength) {
        return new XfrmSelector(XfrmAddresses.family(source), source, sourcePrefixLength, destination, destinationPrefixLength,
                0, 0, 0, 0, 0, 0);
    }

    /** Restricts to one IP protocol (e.g. 6 = TCP). */
    public XfrmSelector withProtocol(int proto) {
        return new XfrmSelector(family, source, sourcePrefixLength, destination, destinationPrefixLength, proto,
                sourcePort, sourcePortMask, destinationPort, destinationPortMask, ifindex);
    }

    /** Restricts to one source port (mask 0xffff). */
    public XfrmSelector withSourcePort(int port) {
        return new XfrmSelector(family, source, sourcePrefixLength, destination, destinationPrefixLength, protocol,
                port, 0xffff, destinationPort, destinationPortMask, ifindex);
    }

    /** Restricts to one destination port (mask 0xffff). */
    public XfrmSelector withDestinationPort(int port) {
        return new XfrmSelector(family, source, sourcePrefixLength, destination, destinationPrefixLength, protocol,
                sourcePort, sourcePortMask, port, 0xffff, ifindex);
    }
}
