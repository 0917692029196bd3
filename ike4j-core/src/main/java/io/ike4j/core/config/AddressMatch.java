package io.ike4j.core.config;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Matching of strongSwan connection address entries ({@code local_addrs}/{@code remote_addrs}): an IP literal,
 * {@code %any}/{@code %any4}/{@code %any6}, a CIDR subnet or an {@code a-b} range. Host names are not resolved
 * in the core and never match here (the daemon resolves them before building the configuration).
 */
public final class AddressMatch {
    private AddressMatch() {}

    public static final int NONE = 0;
    public static final int ANY = 1;
    public static final int RANGE = 2;
    public static final int EXACT = 3;

    /** The best match quality of {@code address} among {@code entries}; an empty list matches like {@code %any}. */
    public static int best(List<String> entries, InetAddress address) {
        if (entries.isEmpty()) return ANY;
        int best = NONE;
        for (String e : entries) best = Math.max(best, match(e, address));
        return best;
    }

    public static int match(String entry, InetAddress address) {
        String e = entry.strip();
        boolean v4 = address.getAddress().length == 4;
        switch (e) {
            case "%any", "0.0.0.0/0", "::/0" -> { return e.equals("%any") ? ANY : (e.contains(":") != v4 ? ANY : NONE); }
            case "%any4" -> { return v4 ? ANY : NONE; }
            case "%any6" -> { return v4 ? NONE : ANY; }
            default -> { }
        }
        int slash = e.indexOf('/');
        if (slash > 0) {
            Optional<InetAddress> net = IpLiterals.parse(e.substring(0, slash));
            int bits;
            try {
                bits = Integer.parseInt(e.substring(slash + 1));
            } catch (NumberFormatException ex) {
                return NONE;
            }
            return net.isPresent() && inPrefix(net.get().getAddress(), bits, address.getAddress()) ? RANGE : NONE;
        }
        int dash = e.indexOf('-');
        if (dash > 0) {
            Optional<InetAddress> from = IpLiterals.parse(e.substring(0, dash));
            Optional<InetAddress> to = IpLiterals.parse(e.substring(dash + 1));
            if (from.isEmpty() || to.isEmpty()) return NONE;
            byte[] a = address.getAddress();
            return compare(from.get().getAddress(), a) <= 0 && compare(a, to.get().getAddress()) <= 0 ? RANGE : NONE;
        }
        Optional<InetAddress> ip = IpLiterals.parse(e);
        return ip.isPresent() && ip.get().equals(address) ? EXACT : NONE;
    }

    /** The first entry that is a single IP literal (usable as a destination to initiate to), if any. */
    public static Optional<InetAddress> firstConcrete(List<String> entries) {
        for (String e : entries) {
            Optional<InetAddress> ip = IpLiterals.parse(e.strip());
            if (ip.isPresent()) return ip;
        }
        return Optional.empty();
    }

    private static boolean inPrefix(byte[] net, int bits, byte[] a) {
        if (net.length != a.length || bits < 0 || bits > net.length * 8) return false;
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((net[i / 8] & mask) != (a[i / 8] & mask)) return false;
        }
        return true;
    }

    private static int compare(byte[] x, byte[] y) {
        if (x.length != y.length) return x.length - y.length;
        for (int i = 0; i < x.length; i++) {
            int c = Integer.compare(x[i] & 0xff, y[i] & 0xff);
            if (c != 0) return c;
        }
        return 0;
    }
}
