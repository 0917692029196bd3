package io.ike4j.core.policy;

import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * A traffic selector (RFC 7296 3.13.1; RFC 4301 4.4.1): an address range {@code startAddress..endAddress}
 * of one family, an IP protocol (0 = any) and a port range (0-65535 = any). For ICMP/ICMPv6 the port
 * fields carry type (high byte) and code (low byte), RFC 4301 4.4.1.3. Addresses are raw network-order
 * bytes (4 or 16), so IPv4-mapped IPv6 addresses keep their family.
 */
public record TrafficSelector(IpFamily family, int ipProtocol, int startPort, int endPort,
                              byte[] startAddress, byte[] endAddress) {
    public static final int ANY_PROTOCOL = 0;
    public static final int MAX_PORT = 65535;

    public TrafficSelector {
        startAddress = startAddress.clone();
        endAddress = endAddress.clone();
        if (startAddress.length != family.addressLength() || endAddress.length != family.addressLength()) {
            throw new IllegalArgumentException("address length does not match " + family);
        }
        if (Arrays.compareUnsigned(startAddress, endAddress) > 0) {
            throw new IllegalArgumentException("start address after end address");
        }
        if (ipProtocol < 0 || ipProtocol > 255) throw new IllegalArgumentException("protocol " + ipProtocol);
        if (startPort < 0 || endPort > MAX_PORT || startPort > endPort) {
            throw new IllegalArgumentException("port range " + startPort + "-" + endPort);
        }
    }

    /** A range of addresses with any protocol and port. */
    public static TrafficSelector range(byte[] start, byte[] end) {
        return new TrafficSelector(familyOf(start), ANY_PROTOCOL, 0, MAX_PORT, start, end);
    }

    /** The network {@code address/prefix} (host bits are cleared), any protocol and port. */
    public static TrafficSelector cidr(byte[] address, int prefix) {
        IpFamily f = familyOf(address);
        if (prefix < 0 || prefix > f.bits()) throw new IllegalArgumentException("prefix /" + prefix + " for " + f);
        byte[] start = address.clone();
        byte[] end = address.clone();
        for (int bit = prefix; bit < f.bits(); bit++) {
            int mask = 0x80 >>> (bit % 8);
            start[bit / 8] &= (byte) ~mask;
            end[bit / 8] |= (byte) mask;
        }
        return range(start, end);
    }

    public static TrafficSelector cidr(InetAddress address, int prefix) {
        return cidr(address.getAddress(), prefix);
    }

    public static TrafficSelector host(byte[] address) {
        return range(address, address);
    }

    public static TrafficSelector host(InetAddress address) {
        return host(address.getAddress());
    }

    /** 0.0.0.0/0 or ::/0. */
    public static TrafficSelector any(IpFamily family) {
        return cidr(new byte[family.addressLength()], 0);
    }

    private static IpFamily familyOf(byte[] address) {
        return IpFamily.ofAddressLength(address.length)
                .orElseThrow(() -> new IllegalArgumentException("address of " + address.length + " bytes"));
    }

    /** The same addresses with a protocol and port range. */
    public TrafficSelector withProtocol(int protocol, int fromPort, int toPort) {
        return new TrafficSelector(family, protocol, fromPort, toPort, startAddress, endAddress);
    }

    @Override
    public byte[] startAddress() {
        return startAddress.clone();
    }

    @Override
    public byte[] endAddress() {
        return endAddress.clone();
    }

    public InetAddress startInetAddress() {
        return toInet(startAddress);
    }

    public InetAddress endInetAddress() {
        return toInet(endAddress);
    }

    private static InetAddress toInet(byte[] a) {
        try {
            return InetAddress.getByAddress(a); // raw bytes: no name lookup
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // unreachable: length is 4 or 16
        }
    }

    public boolean isAnyProtocol() {
        return ipProtocol == ANY_PROTOCOL;
    }

    public boolean isAnyPort() {
        return startPort == 0 && endPort == MAX_PORT;
    }

    public boolean isHost() {
        return Arrays.equals(startAddress, endAddress);
    }

    /** The prefix length if the address range is exactly one CIDR block. */
    public Optional<Integer> prefixLength() {
        int bits = family.bits();
        int prefix = 0;
        while (prefix < bits && bit(startAddress, prefix) == bit(endAddress, prefix)) prefix++;
        for (int i = prefix; i < bits; i++) {
            if (bit(startAddress, i) != 0 || bit(endAddress, i) != 1) return Optional.empty();
        }
        return Optional.of(prefix);
    }

    private static int bit(byte[] a, int i) {
        return (a[i / 8] >>> (7 - i % 8)) & 1;
    }

    /** True if every packet matched by {@code other} is matched by this selector. */
    public boolean contains(TrafficSelector other) {
        return family == other.family
                && (isAnyProtocol() || ipProtocol == other.ipProtocol)
                && startPort <= other.startPort && endPort >= other.endPort
                && Arrays.compareUnsigned(startAddress, other.startAddress) <= 0
                && Arrays.compareUnsigned(endAddress, other.endAddress) >= 0;
    }

    /** True if the address lies in the range (ignoring protocol and ports). */
    public boolean containsAddress(byte[] address) {
        return address.length == family.addressLength() && Arrays.compareUnsigned(startAddress, address) <= 0
                && Arrays.compareUnsigned(endAddress, address) >= 0;
    }

    /** The selector matching what both match (RFC 7296 2.9 narrowing), empty if disjoint. */
    public Optional<TrafficSelector> intersect(TrafficSelector other) {
        if (family != other.family) return Optional.empty();
        int protocol;
        if (isAnyProtocol()) {
            protocol = other.ipProtocol;
        } else if (other.isAnyProtocol() || other.ipProtocol == ipProtocol) {
            protocol = ipProtocol;
        } else {
            return Optional.empty();
        }
        int from = Math.max(startPort, other.startPort);
        int to = Math.min(endPort, other.endPort);
        byte[] start = Arrays.compareUnsigned(startAddress, other.startAddress) >= 0 ? startAddress : other.startAddress;
        byte[] end = Arrays.compareUnsigned(endAddress, other.endAddress) <= 0 ? endAddress : other.endAddress;
        if (from > to || Arrays.compareUnsigned(start, end) > 0) return Optional.empty();
        return Optional.of(new TrafficSelector(family, protocol, from, to, start, end));
    }

    public TrafficSelectorSubstructure toSubstructure() {
        return new TrafficSelectorSubstructure(family.tsType(), ipProtocol, startPort, endPort, startAddress, endAddress);
    }

    /**
     * The typed selector from the wire, or empty if it cannot be one: unknown TS type (e.g. RFC 9478
     * security labels), wrong address length, start after end, or OPAQUE/inverted port ranges.
     */
    public static Optional<TrafficSelector> fromSubstructure(TrafficSelectorSubstructure ts) {
        Optional<IpFamily> f = IpFamily.ofTsType(ts.tsType());
        byte[] s = ts.startAddress();
        byte[] e = ts.endAddress();
        if (f.isEmpty() || s.length != f.get().addressLength() || e.length != f.get().addressLength()
                || Arrays.compareUnsigned(s, e) > 0 || ts.ipProtocol() < 0 || ts.ipProtocol() > 255
                || ts.startPort() < 0 || ts.endPort() > MAX_PORT || ts.startPort() > ts.endPort()) {
            return Optional.empty();
        }
        return Optional.of(new TrafficSelector(f.get(), ts.ipProtocol(), ts.startPort(), ts.endPort(), s, e));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrafficSelector t && t.family == family && t.ipProtocol == ipProtocol
                && t.startPort == startPort && t.endPort == endPort
                && Arrays.equals(t.startAddress, startAddress) && Arrays.equals(t.endAddress, endAddress);
    }

    @Override
    public int hashCode() {
        return ((((family.hashCode() * 31 + ipProtocol) * 31 + startPort) * 31 + endPort) * 31
                + Arrays.hashCode(startAddress)) * 31 + Arrays.hashCode(endAddress);
    }

    /** strongSwan's notation: {@code 10.1.0.0/16}, {@code 10.0.0.1..10.0.0.9}, {@code 10.1.0.0/16[tcp/80]}. */
    @Override
    public String toString() {
        Optional<Integer> prefix = prefixLength();
        String addr = prefix.isPresent()
                ? AddressFormat.format(startAddress) + "/" + prefix.get()
                : AddressFormat.format(startAddress) + ".." + AddressFormat.format(endAddress);
        if (isAnyProtocol() && isAnyPort()) return addr;
        String proto = IpProtocols.name(ipProtocol);
        if (isAnyPort()) return addr + "[" + proto + "]";
        String ports = startPort == endPort ? Integer.toString(startPort) : startPort + "-" + endPort;
        return addr + "[" + proto + "/" + ports + "]";
    }
}
