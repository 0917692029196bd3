package io.ike4j.daemon;

import java.time.Duration;
import java.util.Optional;

/**
 * The responder's denial-of-service thresholds (RFC 7296 2.6), given to the daemon as {@code --dos
 * cookie-threshold=30,block-threshold=5,half-open-timeout=30s} since ike4j has no strongswan.conf.
 * <ul>
 *   <li>{@code cookie-threshold}: with this many half-open IKE SAs (all peers together) every new IKE_SA_INIT must
 *       carry a COOKIE first (0 = always). 30, as strongSwan's {@code charon.cookie_threshold}: far above what
 *       legitimate peers produce (a half-open SA lives one round trip, so even 1,000 handshakes/s at a 10 ms RTT
 *       keep only ~10 half-open), low enough that a spoofed-source flood buys no state after a fraction of a second.
 *       Cookies cost a legitimate peer one extra round trip and no computation.</li>
 *   <li>{@code block-threshold}: a peer address holding this many half-open SAs is ignored until some complete or
 *       time out (0 = off). 5, as strongSwan's {@code charon.block_threshold}: a single client opens one at a time,
 *       a small NAT a few at once; it caps what one real (cookie-answering) address can hold.</li>
 *   <li>{@code half-open-timeout}: how long a responder keeps an SA whose IKE_AUTH never comes. 30 s, as strongSwan's
 *       {@code charon.half_open_timeout}: above an initiator's first retransmissions of IKE_AUTH (4 s, 7.2 s, 13 s),
 *       so a lossy path still completes, while stale state goes within half a minute.</li>
 * </ul>
 */
public record DosThresholds(int cookieThreshold, int blockThreshold, Duration halfOpenTimeout) {
    public static final DosThresholds DEFAULTS = new DosThresholds(30, 5, Duration.ofSeconds(30));

    public DosThresholds {
        if (cookieThreshold < 0 || cookieThreshold > 1_000_000) throw new IllegalArgumentException("cookie threshold must be 0..1000000");
        if (blockThreshold < 0 || blockThreshold > 1_000_000) throw new IllegalArgumentException("block threshold must be 0..1000000");
        if (halfOpenTimeout.isNegative() || halfOpenTimeout.isZero() || halfOpenTimeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("half-open timeout must be > 0 and at most 1 h");
        }
    }

    /** Parses {@code cookie-threshold=N,block-threshold=N,half-open-timeout=30s} (any subset; seconds, {@code s} or {@code ms}). */
    public static Optional<DosThresholds> parse(String spec) {
        int cookie = DEFAULTS.cookieThreshold;
        int block = DEFAULTS.blockThreshold;
        Duration halfOpen = DEFAULTS.halfOpenTimeout;
        try {
            for (String part : spec.split(",")) {
                String[] kv = part.trim().split("=", 2);
                if (kv.length != 2) return Optional.empty();
                String v = kv[1].trim();
                switch (kv[0].trim()) {
                    case "cookie-threshold" -> cookie = Integer.parseInt(v);
                    case "block-threshold" -> block = Integer.parseInt(v);
                    case "half-open-timeout" -> halfOpen = v.endsWith("ms") ? Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)))
                            : Duration.ofMillis(Math.round(Double.parseDouble(v.endsWith("s") ? v.substring(0, v.length() - 1) : v) * 1000));
                    default -> {
                        return Optional.empty();
                    }
                }
            }
            return Optional.of(new DosThresholds(cookie, block, halfOpen));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
