package io.ike4j.core.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses strongSwan's traffic selector syntax (swanctl.conf local_ts/remote_ts): {@code 10.1.0.0/16},
 * {@code 192.168.1.5}, {@code 10.0.0.1-10.0.0.9}, {@code ::/0}, {@code dynamic}, each optionally followed by
 * {@code [protocol/port]}: {@code [tcp/80]}, {@code [udp]}, {@code [tcp/%any]}, {@code [/53]},
 * {@code [17/1000-2000]}. For ICMP/ICMPv6 the "port" is the message type (any code), RFC 4301 4.4.1.3.
 * Names are never resolved (no I/O); only literal addresses are accepted.
 */
public final class TrafficSelectorParser {
    private TrafficSelectorParser() {
    }

    /** Parses a comma-separated list. */
    public static List<ConfiguredSelector> parseList(String spec) throws TrafficSelectorParseException {
        List<ConfiguredSelector> out = new ArrayList<>();
        for (String part : spec.split(",", -1)) out.add(parse(part));
        return List.copyOf(out);
    }

    public static ConfiguredSelector parse(String spec) throws TrafficSelectorParseException {
        String s = spec.strip();
        if (s.isEmpty()) throw new TrafficSelectorParseException("empty traffic selector in '" + spec + "'");
        String addr = s;
        int protocol = TrafficSelector.ANY_PROTOCOL;
        int from = 0;
        int to = TrafficSelector.MAX_PORT;
        int open = s.indexOf('[');
        if (open >= 0) {
            if (!s.endsWith("]") || s.indexOf(']') != s.length() - 1) {
                throw new TrafficSelectorParseException("missing or misplaced ']' in traffic selector '" + s + "'");
            }
            addr = s.substring(0, open).strip();
            String inner = s.substring(open + 1, s.length() - 1).strip();
            int slash = inner.indexOf('/');
            String protoPart = slash < 0 ? inner : inner.substring(0, slash).strip();
            if (!protoPart.isEmpty() && !protoPart.equalsIgnoreCase("%any") && !protoPart.equalsIgnoreCase("any")) {
                protocol = IpProtocols.parse(protoPart).orElseThrow(() -> new TrafficSelectorParseException(
                        "unknown protocol '" + protoPart + "' in traffic selector '" + s + "'"));
            }
            if (slash >= 0) {
                int[] ports = ports(inner.substring(slash + 1).strip(), protocol, s);
                from = ports[0];
                to = ports[1];
            }
        }
        if (addr.equalsIgnoreCase("dynamic")) return new ConfiguredSelector.Dynamic(protocol, from, to);
        return new ConfiguredSelector.Fixed(addresses(addr, s).withProtocol(protocol, from, to));
    }

    private static int[] ports(String p, int protocol, String s) throws TrafficSelectorParseException {
        if (p.isEmpty() || p.equalsIgnoreCase("%any") || p.equalsIgnoreCase("any")) {
            return new int[] {0, TrafficSelector.MAX_PORT};
        }
        if (IpProtocols.isIcmp(protocol)) {
            int type = number(p, 255, "ICMP type", s);
            return new int[] {type << 8, (type << 8) | 0xff};
        }
        int dash = p.indexOf('-');
        int from = number(dash < 0 ? p : p.substring(0, dash).strip(), TrafficSelector.MAX_PORT, "port", s);
        int to = dash < 0 ? from : number(p.substring(dash + 1).strip(), TrafficSelector.MAX_PORT, "port", s);
        if (from > to) throw new TrafficSelectorParseException("port range '" + p + "' is inverted in '" + s + "'");
        return new int[] {from, to};
    }

    private static int number(String v, int max, String what, String s) throws TrafficSelectorParseException {
        if (!v.matches("\\d{1,5}") || Integer.parseInt(v) > max) {
            throw new TrafficSelectorParseException("invalid " + what + " '" + v + "' in traffic selector '" + s + "'");
        }
        return Integer.parseInt(v);
    }

    private static TrafficSelector addresses(String a, String s) throws TrafficSelectorParseException {
        int slash = a.indexOf('/');
        if (slash >= 0) {
            byte[] base = address(a.substring(0, slash).strip(), s);
            String p = a.substring(slash + 1).strip();
            int bits = base.length * 8;
            if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > bits) {
                throw new TrafficSelectorParseException("invalid prefix length '/" + p + "' in traffic selector '" + s + "'");
            }
            return TrafficSelector.cidr(base, Integer.parseInt(p));
        }
        int dash = a.indexOf('-');
        if (dash >= 0) {
            byte[] start = address(a.substring(0, dash).strip(), s);
            byte[] end = address(a.substring(dash + 1).strip(), s);
            if (start.length != end.length) {
                throw new TrafficSelectorParseException("address range mixes IPv4 and IPv6 in '" + s + "'");
            }
            if (Arrays.compareUnsigned(start, end) > 0) {
                throw new TrafficSelectorParseException("address range start is after its end in '" + s + "'");
            }
            return TrafficSelector.range(start, end);
        }
        return TrafficSelector.host(address(a, s));
    }

    private static byte[] address(String a, String s) throws TrafficSelectorParseException {
        Optional<byte[]> bytes = AddressFormat.parse(a);
        if (bytes.isEmpty()) {
            String what = a.isEmpty() ? "missing address" : "invalid address '" + a + "'";
            throw new TrafficSelectorParseException(what + " in traffic selector '" + s + "'"
                    + (a.toLowerCase(Locale.ROOT).matches(".*[g-z].*") ? " (host names are not resolved)" : ""));
        }
        return bytes.get();
    }
}
