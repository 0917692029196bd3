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

    public static Optional<String> format(byte[] address) {
        if (address.length != 4 && address.length != 16) return Optional.empty();
        try {
            return Optional.of(InetAddress.getByAddress(address).getHostAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
