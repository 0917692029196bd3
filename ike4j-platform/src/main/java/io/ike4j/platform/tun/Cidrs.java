package io.ike4j.platform.tun;

import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Address ranges of traffic selectors (RFC 7296 3.13.1) as the fewest covering-exactly CIDR prefixes. */
public final class Cidrs {
    private Cidrs() {
    }

    /** The prefixes that together cover exactly the address range of each selector (ports and protocol ignored). */
    public static List<String> of(List<TrafficSelectorSubstructure> selectors) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (TrafficSelectorSubstructure ts : selectors) {
            byte[] s = ts.startAddress();
            byte[] e = ts.endAddress();
            if (s.length != e.length || (s.length != 4 && s.length != 16)) continue;
            out.addAll(range(s, e));
        }
        return List.copyOf(out);
    }

    /**
     * Routing a default prefix into a device would replace the host's default route: {@code 0.0.0.0/0} becomes
     * {@code 0.0.0.0/1} and {@code 128.0.0.0/1} ({@code ::/0} becomes {@code ::/1} and {@code 8000::/1}), which
     * together cover the same addresses and win over the default route by length while it stays in place.
     */
    public static List<String> splitDefault(List<String> cidrs) {
        List<String> out = new ArrayList<>();
        for (String c : cidrs) {
            switch (c) {
                case "0.0.0.0/0" -> out.addAll(List.of("0.0.0.0/1", "128.0.0.0/1"));
                case "::/0" -> out.addAll(List.of("::/1", "8000::/1"));
                default -> out.add(c);
            }
        }
        return List.copyOf(out);
    }

    /** Whether the prefix {@code cidr} (as {@link #of} writes them) contains {@code a}; false across families. */
    public static boolean contains(String cidr, InetAddress a) {
        int slash = cidr.indexOf('/');
        if (slash < 0) return false;
        byte[] net;
        try {
            net = InetAddress.getByName(cidr.substring(0, slash)).getAddress(); // a literal: no name lookup
        } catch (UnknownHostException e) {
            return false;
        }
        byte[] b = a.getAddress();
        if (net.length != b.length) return false;
        int bits = Integer.parseInt(cidr.substring(slash + 1));
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((net[i / 8] & mask) != (b[i / 8] & mask)) return false;
        }
        return true;
    }

    /** The prefixes covering exactly [start, end] (both 4 or both 16 bytes); empty if start > end. */
    public static List<String> range(byte[] start, byte[] end) {
        int bits = start.length * 8;
        BigInteger lo = new BigInteger(1, start);
        BigInteger hi = new BigInteger(1, end);
        List<String> out = new ArrayList<>();
        while (lo.compareTo(hi) <= 0) {
            // the largest aligned block starting at lo that does not pass hi
            int size = lo.signum() == 0 ? bits : lo.getLowestSetBit();
            while (size > 0 && lo.add(BigInteger.ONE.shiftLeft(size)).subtract(BigInteger.ONE).compareTo(hi) > 0) size--;
            out.add(format(lo, start.length) + "/" + (bits - size));
            lo = lo.add(BigInteger.ONE.shiftLeft(size));
        }
        return out;
    }

    private static String format(BigInteger v, int len) {
        byte[] raw = v.toByteArray();
        byte[] b = new byte[len];
        int n = Math.min(raw.length, len);
        System.arraycopy(raw, raw.length - n, b, len - n, n);
        try {
            return InetAddress.getByAddress(b).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen for 4 or 16 bytes
        }
    }
}
