package io.ike4j.core.pool;

import io.ike4j.core.codec.payload.ConfigAttribute;
import io.ike4j.core.codec.payload.ConfigAttributeType;
import io.ike4j.core.config.IpLiterals;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration attributes of a pool from swanctl.conf values (RFC 7296 3.15.1 encodings): {@code dns}, {@code nbns},
 * {@code dhcp}, {@code netmask} and {@code subnet} (IPv4 address + mask, IPv6 address + prefix length), and custom
 * attributes by number (an IP address, {@code 0x} hex, or text). Entries that do not parse are left out; the
 * configuration front end reports them.
 */
public final class PoolAttributes {
    private PoolAttributes() {}

    public static List<ConfigAttribute> build(List<String> dns, List<String> nbns, List<String> dhcp, List<String> netmask,
                                              List<String> subnet, Map<String, List<String>> custom) {
        List<ConfigAttribute> out = new ArrayList<>();
        for (String d : dns) address(d).ifPresent(a -> out.add(attr(a.getAddress().length == 4
                ? ConfigAttributeType.INTERNAL_IP4_DNS : ConfigAttributeType.INTERNAL_IP6_DNS, a.getAddress())));
        for (String n : nbns) address(n).filter(a -> a.getAddress().length == 4)
                .ifPresent(a -> out.add(attr(ConfigAttributeType.INTERNAL_IP4_NBNS, a.getAddress())));
        for (String d : dhcp) address(d).ifPresent(a -> out.add(attr(a.getAddress().length == 4
                ? ConfigAttributeType.INTERNAL_IP4_DHCP : ConfigAttributeType.INTERNAL_IP6_DHCP, a.getAddress())));
        for (String m : netmask) address(m).filter(a -> a.getAddress().length == 4)
                .ifPresent(a -> out.add(attr(ConfigAttributeType.INTERNAL_IP4_NETMASK, a.getAddress())));
        for (String s : subnet) subnet(s).ifPresent(out::add);
        custom.forEach((type, values) -> {
            int t;
            try {
                t = Integer.parseInt(type.strip());
            } catch (NumberFormatException e) {
                return;
            }
            if (t < 0 || t > 0x7fff) return;
            for (String v : values) out.add(new ConfigAttribute(t, customValue(v)));
        });
        return out;
    }

    /** {@code 10.1.0.0/16} as INTERNAL_IP4_SUBNET (address, mask) or {@code fd00::/64} as INTERNAL_IP6_SUBNET. */
    public static Optional<ConfigAttribute> subnet(String cidr) {
        int slash = cidr.indexOf('/');
        Optional<InetAddress> a = address(slash < 0 ? cidr : cidr.substring(0, slash));
        if (a.isEmpty()) return Optional.empty();
        byte[] addr = a.get().getAddress();
        int bits;
        try {
            bits = slash < 0 ? addr.length * 8 : Integer.parseInt(cidr.substring(slash + 1).strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (bits < 0 || bits > addr.length * 8) return Optional.empty();
        if (addr.length == 4) {
            long mask = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
            byte[] v = new byte[8];
            System.arraycopy(addr, 0, v, 0, 4);
            for (int i = 0; i < 4; i++) v[4 + i] = (byte) (mask >>> (24 - 8 * i));
            return Optional.of(attr(ConfigAttributeType.INTERNAL_IP4_SUBNET, v));
        }
        byte[] v = new byte[17];
        System.arraycopy(addr, 0, v, 0, 16);
        v[16] = (byte) bits;
        return Optional.of(attr(ConfigAttributeType.INTERNAL_IP6_SUBNET, v));
    }

    private static byte[] customValue(String v) {
        Optional<InetAddress> a = address(v);
        if (a.isPresent()) return a.get().getAddress();
        if (v.startsWith("0x")) {
            try {
                return HexFormat.of().parseHex(v.substring(2));
            } catch (IllegalArgumentException e) {
                // not hex after all: sent as text
            }
        }
        return v.getBytes(StandardCharsets.UTF_8);
    }

    private static Optional<InetAddress> address(String s) {
        return IpLiterals.parse(s.strip());
    }

    private static ConfigAttribute attr(ConfigAttributeType t, byte[] v) {
        return new ConfigAttribute(t, v);
    }
}
