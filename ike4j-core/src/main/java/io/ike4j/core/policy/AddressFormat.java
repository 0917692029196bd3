package io.ike4j.core.policy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.Optional;
import java.util.regex.Pattern;

/** IP address literals without name resolution: parsing and RFC 5952 text for IPv6. */
final class AddressFormat {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private AddressFormat() {
    }

    /** Raw bytes of an IPv4 dotted quad or IPv6 literal (4 or 16 bytes), empty if it is neither. */
    static Optional<byte[]> parse(String s) {
        try {
            if (IPV4.matcher(s).matches()) {
                return Optional.of(Inet4Address.ofLiteral(s).getAddress());
            }
            if (s.contains(":") && IPV6.matcher(s).matches()) {
                byte[] a = Inet6Address.ofLiteral(s).getAddress();
                if (a.length == 4) { // IPv4-mapped literal: keep it an IPv6 address
                    byte[] m = new byte[16];
                    m[10] = (byte) 0xff;
                    m[11] = (byte) 0xff;
                    System.arraycopy(a, 0, m, 12, 4);
                    a = m;
                }
                return Optional.of(a);
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    static String format(byte[] a) {
        if (a.length == 4) {
            return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) g[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
