package io.ike4j.daemon;

import java.time.Duration;
import java.util.Optional;

/**
 * strongSwan's {@code charon.retransmit_timeout} (4 s), {@code retransmit_base} (1.8) and {@code retransmit_tries} (5):
 * in IKEv2 they are also the dead-peer timeout (RFC 7296 2.4). Given to the daemon as {@code --retransmit
 * timeout=1s,base=1.5,tries=2} since ike4j has no strongswan.conf.
 */
public record Retransmission(Duration timeout, double base, int tries) {
    public static final Retransmission DEFAULTS = new Retransmission(Duration.ofSeconds(4), 1.8, 5);

    public Retransmission {
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("retransmit timeout must be > 0");
        if (base < 1.0) throw new IllegalArgumentException("retransmit base must be >= 1");
        if (tries < 0 || tries > 100) throw new IllegalArgumentException("retransmit tries must be 0..100");
    }

    /** Parses {@code timeout=1.5s,base=1.4,tries=3} (any subset; seconds with an optional {@code s} or {@code ms}). */
    public static Optional<Retransmission> parse(String spec) {
        Duration timeout = DEFAULTS.timeout;
        double base = DEFAULTS.base;
        int tries = DEFAULTS.tries;
        try {
            for (String part : spec.split(",")) {
                String[] kv = part.trim().split("=", 2);
                if (kv.length != 2) return Optional.empty();
                String v = kv[1].trim();
                switch (kv[0].trim()) {
                    case "timeout" -> timeout = v.endsWith("ms") ? Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)))
                            : Duration.ofMillis(Math.round(Double.parseDouble(v.endsWith("s") ? v.substring(0, v.length() - 1) : v) * 1000));
                    case "base" -> base = Double.parseDouble(v);
                    case "tries" -> tries = Integer.parseInt(v);
                    default -> {
                        return Optional.empty();
                    }
                }
            }
            return Optional.of(new Retransmission(timeout, base, tries));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
