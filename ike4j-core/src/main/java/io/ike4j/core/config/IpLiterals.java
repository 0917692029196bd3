package io.ike4j.core.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** Parses IP address literals without ever resolving host names (the core does no I/O). */
public final class IpLiterals {
    private IpLiterals() {}

    public static Optional<InetAddress> parse(String s) {
        if (s == null || s.isEmpty()) return Optional.empty();
        if (s.indexOf(':') >= 0) {
            String v = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) return Optional.empty();
            }
            try {
                return Optional.of(InetAddress.getByName(v)); // literal only: no lookup for hex/colon text
            } catch (UnknownHostException | SecurityException e) {
                return Optional.empty();
            }
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) return Optional.empty();
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3) return Optional.empty();
            for (int j = 0; j < p.length(); j++) if (!Character.isDigit(p.charAt(j))) return Optional.empty();
            int v = Integer.parseInt(p);
            if (v > 255) return Optional.empty();
            b[i] = (byte) v;
        }
        try {
            return Optional.of(InetAddress.getByAddress(b));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Dotted quad, or RFC 5952 canonical IPv6 text ({@code 2001:db8::1}) as strongSwan prints it. */
    public static Optional<String> format(byte[] address) {
        if (address.length == 4) {
            return Optional.of((address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff));
        }
        if (address.length != 16) return Optional.empty();
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) g[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        int bestStart = -1, bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) { i++; continue; }
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLen) { bestStart = i; bestLen = j - i; }
            i = j;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') b.append(':');
            b.append(Integer.toHexString(g[i]));
        }
        return Optional.of(b.toString());
    }
}
