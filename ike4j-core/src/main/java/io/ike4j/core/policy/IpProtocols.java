package io.ike4j.core.policy;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** IP protocol names as strongSwan accepts and prints them in traffic selectors (IANA protocol numbers). */
final class IpProtocols {
    static final int ICMP = 1;
    static final int TCP = 6;
    static final int UDP = 17;
    static final int ICMPV6 = 58;

    private static final Map<String, Integer> BY_NAME = Map.ofEntries(
            Map.entry("icmp", ICMP), Map.entry("igmp", 2), Map.entry("ipencap", 4), Map.entry("tcp", TCP),
            Map.entry("udp", UDP), Map.entry("ipv6", 41), Map.entry("gre", 47), Map.entry("esp", 50),
            Map.entry("ah", 51), Map.entry("ipv6-icmp", ICMPV6), Map.entry("icmpv6", ICMPV6),
            Map.entry("icmp6", ICMPV6), Map.entry("ospf", 89), Map.entry("l2tp", 115), Map.entry("sctp", 132),
            Map.entry("udplite", 136));

    private IpProtocols() {
    }

    static Optional<Integer> parse(String s) {
        String n = s.toLowerCase(Locale.ROOT);
        if (n.matches("\\d{1,3}")) {
            int v = Integer.parseInt(n);
            return v <= 255 ? Optional.of(v) : Optional.empty();
        }
        return Optional.ofNullable(BY_NAME.get(n));
    }

    /** "" for any, else the name strongSwan uses, or the number. */
    static String name(int protocol) {
        return switch (protocol) {
            case 0 -> "";
            case ICMP -> "icmp";
            case TCP -> "tcp";
            case UDP -> "udp";
            case ICMPV6 -> "ipv6-icmp";
            case 47 -> "gre";
            case 132 -> "sctp";
            default -> Integer.toString(protocol);
        };
    }

    static boolean isIcmp(int protocol) {
        return protocol == ICMP || protocol == ICMPV6;
    }
}
