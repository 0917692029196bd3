package io.ike4j.daemon.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/** Value syntaxes of swanctl.conf. Every parser returns empty on bad input instead of throwing. */
final class Values {
    private Values() {}

    static final String DURATION_HINT = "expected a duration like 30s, 5m, 1h, 1d";
    static final String VOLUME_HINT = "expected a number with optional k/K, m/M or g/G suffix, like 1000, 10k, 5M, 1G";
    static final String BOOL_HINT = "expected yes or no";

    /** swanctl: an integer with an optional s/m/h/d suffix (seconds by default). */
    static java.util.Optional<Duration> duration(String v) {
        String s = v.strip();
        if (s.isEmpty()) {
            return java.util.Optional.empty();
        }
        long mult = switch (s.charAt(s.length() - 1)) {
            case 's' -> 1;
            case 'm' -> 60;
            case 'h' -> 3600;
            case 'd' -> 86400;
            default -> 0;
        };
        String digits = mult == 0 ? s : s.substring(0, s.length() - 1).strip();
        OptionalLong n = unsigned(digits, Long.MAX_VALUE / 86400);
        return n.isPresent() ? java.util.Optional.of(Duration.ofSeconds(n.getAsLong() * Math.max(mult, 1)))
                : java.util.Optional.empty();
    }

    /** swanctl: bytes or packets with k/K, m/M, g/G binary multipliers (1024). */
    static OptionalLong volume(String v) {
        String s = v.strip();
        if (s.isEmpty()) {
            return OptionalLong.empty();
        }
        long mult = switch (s.charAt(s.length() - 1)) {
            case 'k', 'K' -> 1L << 10;
            case 'm', 'M' -> 1L << 20;
            case 'g', 'G' -> 1L << 30;
            default -> 1;
        };
        String digits = mult == 1 ? s : s.substring(0, s.length() - 1).strip();
        OptionalLong n = unsigned(digits, Long.MAX_VALUE >> 30);
        return n.isPresent() ? OptionalLong.of(n.getAsLong() * mult) : OptionalLong.empty();
    }

    /** A decimal number, or hexadecimal with 0x, in [0, max]. */
    static OptionalLong unsigned(String v, long max) {
        String s = v.strip();
        int radix = 10;
        if (s.length() > 2 && (s.startsWith("0x") || s.startsWith("0X"))) {
            s = s.substring(2);
            radix = 16;
        }
        if (s.isEmpty() || s.length() > 19) {
            return OptionalLong.empty();
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), radix) < 0) {
                return OptionalLong.empty();
            }
        }
        try {
            long n = Long.parseLong(s, radix);
            return n <= max ? OptionalLong.of(n) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** strongSwan booleans: yes/no, true/false, enabled/disabled, 1/0 (case-insensitive). */
    static java.util.Optional<Boolean> bool(String v) {
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "yes", "true", "enabled", "1" -> java.util.Optional.of(true);
            case "no", "false", "disabled", "0" -> java.util.Optional.of(false);
            default -> java.util.Optional.empty();
        };
    }

    /** Comma-separated list, items trimmed, empty items dropped (swanctl tokenizes on ',' and blanks around). */
    static List<String> list(String v) {
        List<String> out = new ArrayList<>();
        for (String item : v.split(",")) {
            String t = item.strip();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }
}
