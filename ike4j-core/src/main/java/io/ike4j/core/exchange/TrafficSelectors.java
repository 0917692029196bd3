package io.ike4j.core.exchange;

import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import io.ike4j.core.config.IpLiterals;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * strongSwan traffic selector strings to wire selectors and RFC 7296 2.9 narrowing (intersection), used until the
 * {@code policy} package's typed selectors are wired in. Syntax: {@code dynamic}, {@code addr}, {@code net/bits},
 * {@code from-to}, each optionally followed by {@code [proto/port]} ({@code tcp}, {@code udp}, {@code icmp}, a number,
 * {@code %any}; port a number, {@code a-b} or {@code %any}).
 */
public final class TrafficSelectors {
    private TrafficSelectors() {}

    /** Parses config entries; {@code dynamic} becomes {@code host}. Unparsable entries are skipped. */
    public static List<TrafficSelectorSubstructure> fromConfig(List<String> entries, InetAddress host) {
        List<TrafficSelectorSubstructure> out = new ArrayList<>();
        for (String e : entries) parse(e, host).ifPresent(out::add);
        return out;
    }

    public static Optional<TrafficSelectorSubstructure> parse(String text, InetAddress host) {
        String s = text.strip();
        int proto = 0, from = 0, to = 0xffff;
        int br = s.indexOf('[');
        if (br >= 0) {
            if (!s.endsWith("]")) return Optional.empty();
            String spec = s.substring(br + 1, s.length() - 1);
            s = s.substring(0, br);
            String[] pp = spec.split("/", 2);
            Optional<Integer> p = protocol(pp[0]);
            if (p.isEmpty()) return Optional.empty();
            proto = p.get();
            if (pp.length == 2 && !pp[1].equals("%any") && !pp[1].isEmpty()) {
                String[] range = pp[1].split("-", 2);
                try {
                    from = Integer.parseInt(range[0]);
                    to = range.length == 2 ? Integer.parseInt(range[1]) : from;
                } catch (NumberFormatException ex) {
                    return Optional.empty();
                }
                if (from < 0 || to > 0xffff || from > to) return Optional.empty();
            }
        }
        byte[] start, end;
        if (s.equals("dynamic")) {
            start = host.getAddress();
            end = start.clone();
        } else if (s.indexOf('/') > 0) {
            Optional<InetAddress> net = IpLiterals.parse(s.substring(0, s.indexOf('/')));
            int bits;
            try {
                bits = Integer.parseInt(s.substring(s.indexOf('/') + 1));
            } catch (NumberFormatException ex) {
                return Optional.empty();
            }
            if (net.isEmpty() || bits < 0 || bits > net.get().getAddress().length * 8) return Optional.empty();
            start = net.get().getAddress();
            end = start.clone();
            for (int i = bits; i < start.length * 8; i++) {
                start[i / 8] &= (byte) ~(0x80 >>> (i % 8));
                end[i / 8] |= (byte) (0x80 >>> (i % 8));
            }
        } else if (s.indexOf('-') > 0 && IpLiterals.parse(s.substring(0, s.indexOf('-'))).isPresent()) {
            Optional<InetAddress> a = IpLiterals.parse(s.substring(0, s.indexOf('-')));
            Optional<InetAddress> b = IpLiterals.parse(s.substring(s.indexOf('-') + 1));
            if (a.isEmpty() || b.isEmpty() || a.get().getAddress().length != b.get().getAddress().length) return Optional.empty();
            start = a.get().getAddress();
            end = b.get().getAddress();
        } else {
            Optional<InetAddress> a = IpLiterals.parse(s);
            if (a.isEmpty()) return Optional.empty();
            start = a.get().getAddress();
            end = start.clone();
        }
        int type = start.length == 4 ? TrafficSelectorSubstructure.TS_IPV4_ADDR_RANGE : TrafficSelectorSubstructure.TS_IPV6_ADDR_RANGE;
        return Optional.of(new TrafficSelectorSubstructure(type, proto, from, to, start, end));
    }

    private static Optional<Integer> protocol(String p) {
        return switch (p.toLowerCase(Locale.ROOT)) {
            case "", "%any", "any" -> Optional.of(0);
            case "icmp" -> Optional.of(1);
            case "tcp" -> Optional.of(6);
            case "udp" -> Optional.of(17);
            case "ipv6-icmp", "icmpv6", "icmp6" -> Optional.of(58);
            case "sctp" -> Optional.of(132);
            default -> {
                try {
                    int v = Integer.parseInt(p);
                    yield v >= 0 && v <= 255 ? Optional.of(v) : Optional.empty();
                } catch (NumberFormatException e) {
                    yield Optional.empty();
                }
            }
        };
    }

    /** RFC 7296 2.9: the intersection of two selectors, if not empty. */
    public static Optional<TrafficSelectorSubstructure> intersect(TrafficSelectorSubstructure a, TrafficSelectorSubstructure b) {
        if (a.tsType() != b.tsType() || a.startAddress().length != b.startAddress().length) return Optional.empty();
        int proto;
        if (a.ipProtocol() == 0) proto = b.ipProtocol();
        else if (b.ipProtocol() == 0 || b.ipProtocol() == a.ipProtocol()) proto = a.ipProtocol();
        else return Optional.empty();
        int from = Math.max(a.startPort(), b.startPort());
        int to = Math.min(a.endPort(), b.endPort());
        if (from > to) return Optional.empty();
        byte[] start = max(a.startAddress(), b.startAddress());
        byte[] end = min(a.endAddress(), b.endAddress());
        if (compare(start, end) > 0) return Optional.empty();
        return Optional.of(new TrafficSelectorSubstructure(a.tsType(), proto, from, to, start, end));
    }

    /** Narrowing: every non-empty intersection of ours with theirs, without duplicates (RFC 7296 2.9). */
    public static List<TrafficSelectorSubstructure> narrow(List<TrafficSelectorSubstructure> ours,
                                                           List<TrafficSelectorSubstructure> theirs) {
        List<TrafficSelectorSubstructure> out = new ArrayList<>();
        for (TrafficSelectorSubstructure t : theirs) {
            for (TrafficSelectorSubstructure o : ours) {
                intersect(o, t).filter(x -> !out.contains(x)).ifPresent(out::add);
            }
        }
        return out;
    }

    /** True if every selector of {@code inner} lies within one of {@code outer} (the initiator's check of the answer). */
    public static boolean within(List<TrafficSelectorSubstructure> inner, List<TrafficSelectorSubstructure> outer) {
        for (TrafficSelectorSubstructure i : inner) {
            if (outer.stream().noneMatch(o -> intersect(o, i).map(i::equals).orElse(false))) return false;
        }
        return !inner.isEmpty();
    }

    /** strongSwan's display: {@code 10.0.0.0/24}, {@code 10.0.0.1/32[tcp/80]}, or {@code a..b} for ranges. */
    public static String format(TrafficSelectorSubstructure ts) {
        byte[] s = ts.startAddress(), e = ts.endAddress();
        String text = IpLiterals.format(s).orElse("?");
        int prefix = prefixLength(s, e);
        text = prefix >= 0 ? text + "/" + prefix : text + ".." + IpLiterals.format(e).orElse("?");
        if (ts.ipProtocol() != 0 || ts.startPort() != 0 || ts.endPort() != 0xffff) {
            String port = ts.startPort() == 0 && ts.endPort() == 0xffff ? ""
                    : ts.startPort() == ts.endPort() ? "/" + ts.startPort() : "/" + ts.startPort() + "-" + ts.endPort();
            text += "[" + protoName(ts.ipProtocol()) + port + "]";
        }
        return text;
    }

    private static String protoName(int p) {
        return switch (p) {
            case 0 -> "";
            case 1 -> "icmp";
            case 6 -> "tcp";
            case 17 -> "udp";
            case 58 -> "ipv6-icmp";
            default -> Integer.toString(p);
        };
    }

    private static int prefixLength(byte[] s, byte[] e) {
        BigInteger start = new BigInteger(1, s), end = new BigInteger(1, e);
        int bits = s.length * 8;
        for (int p = 0; p <= bits; p++) {
            BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - p).subtract(BigInteger.ONE);
            if (start.and(hostMask).signum() == 0 && start.or(hostMask).equals(end)) return p;
        }
        return -1;
    }

    private static byte[] max(byte[] x, byte[] y) {
        return compare(x, y) >= 0 ? x : y;
    }

    private static byte[] min(byte[] x, byte[] y) {
        return compare(x, y) <= 0 ? x : y;
    }

    private static int compare(byte[] x, byte[] y) {
        return Arrays.compareUnsigned(x, y);
    }
}
