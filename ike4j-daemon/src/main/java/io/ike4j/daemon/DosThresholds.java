package io.ike4j.daemon;

import java.time.Duration;
import java.util.Optional;

/**
 * The responder's denial-of-service thresholds (RFC 7296 2.6), given to the daemon as {@code --dos
 * cookie-threshold=30,cookie-threshold-ip=3,block-threshold=5,half-open-limit=10000,half-open-timeout=30s,crl-timeout=5s}
 * since ike4j has no strongswan.conf. A half-open IKE SA is one whose IKE_SA_INIT we answered and whose IKE_AUTH has not completed.
 * IKEv1 responder SAs in Phase 1 (Main or Aggressive Mode message 1 answered) count as half-open too; ISAKMP has no
 * cookie exchange, so for them {@code block-threshold} and {@code half-open-limit} apply directly (as strongSwan's do).
 * <ul>
 *   <li>{@code cookie-threshold}: with this many half-open IKE SAs (all peers together) every new IKE_SA_INIT must
 *       carry a COOKIE first (0 = always). 30, as strongSwan's {@code charon.cookie_threshold}: far above what
 *       legitimate peers produce (a half-open SA lives one round trip, so even 1,000 handshakes/s at a 10 ms RTT
 *       keep only ~10 half-open), low enough that a spoofed-source flood buys no state after a fraction of a second.
 *       Cookies cost a legitimate peer one extra round trip and no computation.</li>
 *   <li>{@code cookie-threshold-ip}: an address holding this many half-open IKE SAs must return a COOKIE for its next
 *       one, whatever the global count (0 = off). 3, as strongSwan's {@code charon.cookie_threshold_ip}: one client
 *       has one IKE SA in setup, a small NAT a few; an address that opens more at once is a load generator or a flood
 *       and pays the round trip first.</li>
 *   <li>{@code block-threshold}: a peer address holding this many half-open SAs is ignored until some complete or
 *       time out (0 = off). 5, as strongSwan's {@code charon.block_threshold}: above the cookie threshold per address,
 *       so it caps what one real (cookie-answering) address can hold.</li>
 *   <li>{@code half-open-limit}: with this many half-open IKE SAs every further new IKE_SA_INIT is dropped, cookie or
 *       not (0 = off). This is the memory bound: a half-open SA keeps both IKE_SA_INIT messages, nonces and derived keys,
 *       about 3 KiB with X25519 (measured), so 10,000 bound that state to some 30 MiB. strongSwan's {@code charon.init_limit_half_open}
 *       is off by default; ours is on because spoofed sources cannot pass the cookies, so only real addresses
 *       (at most {@code block-threshold} each) reach it: 10,000 means 2,000 attacking hosts, while a gateway's legitimate
 *       load (mass reconnects after a restart included, which initiators retransmit through) stays far below it.</li>
 *   <li>{@code half-open-timeout}: how long a responder keeps an SA whose IKE_AUTH never comes. 30 s, as strongSwan's
 *       {@code charon.half_open_timeout}: above an initiator's first retransmissions of IKE_AUTH (4 s, 7.2 s, 13 s),
 *       so a lossy path still completes, while stale state goes within half a minute.</li>
 *   <li>{@code crl-timeout}: the longest a handshake waits for a CRL distribution point (connect, headers and body
 *       together; at most 16 downloads at once). 5 s: a working server answers in well under a second, and the
 *       waiting handshake must finish within its initiator's IKE_AUTH retransmissions. The wait holds only that
 *       handshake's own SA: every other SA keeps being served (RADIUS requests are bounded the same way by the
 *       {@code radius} section's timeout and retries).</li>
 * </ul>
 */
public record DosThresholds(int cookieThreshold, int cookieThresholdIp, int blockThreshold, int halfOpenLimit,
                            Duration halfOpenTimeout, Duration crlTimeout) {
    public static final DosThresholds DEFAULTS = new DosThresholds(30, 3, 5, 10_000, Duration.ofSeconds(30),
            Duration.ofSeconds(5));

    public DosThresholds {
        check("cookie threshold", cookieThreshold);
        check("per-address cookie threshold", cookieThresholdIp);
        check("block threshold", blockThreshold);
        check("half-open limit", halfOpenLimit);
        if (halfOpenTimeout.isNegative() || halfOpenTimeout.isZero() || halfOpenTimeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("half-open timeout must be > 0 and at most 1 h");
        }
        if (crlTimeout.isNegative() || crlTimeout.isZero() || crlTimeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("CRL timeout must be > 0 and at most 5 min");
        }
    }

    /** The thresholds and half-open timeout; the CRL timeout at its default. */
    public DosThresholds(int cookieThreshold, int cookieThresholdIp, int blockThreshold, int halfOpenLimit,
                         Duration halfOpenTimeout) {
        this(cookieThreshold, cookieThresholdIp, blockThreshold, halfOpenLimit, halfOpenTimeout, Duration.ofSeconds(5));
    }

    /** The global cookie threshold, block threshold and timeout; the others at their defaults. */
    public DosThresholds(int cookieThreshold, int blockThreshold, Duration halfOpenTimeout) {
        this(cookieThreshold, DEFAULTS.cookieThresholdIp, blockThreshold, DEFAULTS.halfOpenLimit, halfOpenTimeout);
    }

    private static void check(String what, int v) {
        if (v < 0 || v > 1_000_000) throw new IllegalArgumentException(what + " must be 0..1000000");
    }

    /**
     * Parses {@code cookie-threshold=N,cookie-threshold-ip=N,block-threshold=N,half-open-limit=N,half-open-timeout=30s,
     * crl-timeout=5s} (any subset, the rest at their defaults; timeouts in seconds, {@code s} or {@code ms}).
     */
    public static Optional<DosThresholds> parse(String spec) {
        int cookie = DEFAULTS.cookieThreshold;
        int cookieIp = DEFAULTS.cookieThresholdIp;
        int block = DEFAULTS.blockThreshold;
        int limit = DEFAULTS.halfOpenLimit;
        Duration halfOpen = DEFAULTS.halfOpenTimeout;
        Duration crl = DEFAULTS.crlTimeout;
        try {
            for (String part : spec.split(",")) {
                String[] kv = part.trim().split("=", 2);
                if (kv.length != 2) return Optional.empty();
                String v = kv[1].trim();
                switch (kv[0].trim()) {
                    case "cookie-threshold" -> cookie = Integer.parseInt(v);
                    case "cookie-threshold-ip" -> cookieIp = Integer.parseInt(v);
                    case "block-threshold" -> block = Integer.parseInt(v);
                    case "half-open-limit" -> limit = Integer.parseInt(v);
                    case "half-open-timeout" -> halfOpen = duration(v);
                    case "crl-timeout" -> crl = duration(v);
                    default -> {
                        return Optional.empty();
                    }
                }
            }
            return Optional.of(new DosThresholds(cookie, cookieIp, block, limit, halfOpen, crl));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code 30}, {@code 1.5s} or {@code 500ms}. */
    private static Duration duration(String v) {
        return v.endsWith("ms") ? Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)))
                : Duration.ofMillis(Math.round(Double.parseDouble(v.endsWith("s") ? v.substring(0, v.length() - 1) : v) * 1000));
    }
}
