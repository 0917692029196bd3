package io.ike4j.core.config;

import java.time.Duration;

/**
 * Global engine knobs (strongSwan's strongswan.conf {@code charon.*} equivalents with its defaults):
 * retransmission (timeout 4 s, base 1.8, tries 5, RFC 7296 2.1), half-open timeout 30 s, cookie thresholds
 * ({@code charon.cookie_threshold} 30 half-open SAs, {@code charon.cookie_threshold_ip} 3 from one address, RFC 7296
 * 2.6), block threshold ({@code charon.block_threshold} 5 per address), a hard cap on half-open SAs
 * ({@code charon.init_limit_half_open}; ours 10,000 where strongSwan's is off), NAT keepalive interval 20 s (RFC 3948 4),
 * fragment size 1280 (RFC 7383), nonce size 32 bytes (RFC 7296 2.10), and the UDP ports we listen on
 * ({@code charon.port} 500 / {@code charon.port_nat_t} 4500, RFC 7296 2.23; other values e.g. ephemeral in tests).
 */
public record EngineSettings(Duration retransmitTimeout, double retransmitBase, int retransmitTries,
                             Duration retransmitLimit, Duration halfOpenTimeout, int cookieThreshold,
                             int blockThreshold, Duration cookieSecretLifetime, Duration natKeepalive,
                             int maxMessageSize, int fragmentSize, int nonceSize, int replayWindow,
                             int ikePort, int natTraversalPort, java.util.List<RedirectRule> redirects,
                             int cookieThresholdIp, int halfOpenLimit, io.ike4j.core.crypto.CryptoProviders crypto) {
    /** RFC 7296 2.23: the IKE port, and the port NAT traversal floats to. */
    public static final int IKE_PORT = 500;
    public static final int NAT_T_PORT = 4500;

    public static final EngineSettings DEFAULTS = builder().build();

    public EngineSettings {
        redirects = java.util.List.copyOf(redirects == null ? java.util.List.of() : redirects);
        crypto = crypto == null ? io.ike4j.core.crypto.CryptoProviders.JDK : crypto;
        if (retransmitTries < 0) throw new IllegalArgumentException("retransmit tries < 0");
        if (retransmitBase < 1.0) throw new IllegalArgumentException("retransmit base < 1");
        if (nonceSize < 16 || nonceSize > 256) throw new IllegalArgumentException("nonce size must be 16..256");
        if (ikePort < 1 || ikePort > 0xffff || natTraversalPort < 1 || natTraversalPort > 0xffff || ikePort == natTraversalPort) {
            throw new IllegalArgumentException("IKE and NAT-T ports must be distinct ports 1..65535");
        }
        if (cookieThreshold < 0 || cookieThresholdIp < 0 || blockThreshold < 0 || halfOpenLimit < 0) {
            throw new IllegalArgumentException("DoS thresholds must be >= 0");
        }
    }

    /** The shape before the per-address cookie threshold and the half-open cap: strongSwan's 3, and 10,000. */
    public EngineSettings(Duration retransmitTimeout, double retransmitBase, int retransmitTries,
                          Duration retransmitLimit, Duration halfOpenTimeout, int cookieThreshold,
                          int blockThreshold, Duration cookieSecretLifetime, Duration natKeepalive,
                          int maxMessageSize, int fragmentSize, int nonceSize, int replayWindow,
                          int ikePort, int natTraversalPort, java.util.List<RedirectRule> redirects) {
        this(retransmitTimeout, retransmitBase, retransmitTries, retransmitLimit, halfOpenTimeout, cookieThreshold,
                blockThreshold, cookieSecretLifetime, natKeepalive, maxMessageSize, fragmentSize, nonceSize, replayWindow,
                ikePort, natTraversalPort, redirects, Builder.COOKIE_THRESHOLD_IP, Builder.HALF_OPEN_LIMIT);
    }

    /** The shape before the per-primitive crypto provider choice existed: the JDK's providers. */
    public EngineSettings(Duration retransmitTimeout, double retransmitBase, int retransmitTries,
                          Duration retransmitLimit, Duration halfOpenTimeout, int cookieThreshold,
                          int blockThreshold, Duration cookieSecretLifetime, Duration natKeepalive,
                          int maxMessageSize, int fragmentSize, int nonceSize, int replayWindow,
                          int ikePort, int natTraversalPort, java.util.List<RedirectRule> redirects,
                          int cookieThresholdIp, int halfOpenLimit) {
        this(retransmitTimeout, retransmitBase, retransmitTries, retransmitLimit, halfOpenTimeout, cookieThreshold,
                blockThreshold, cookieSecretLifetime, natKeepalive, maxMessageSize, fragmentSize, nonceSize, replayWindow,
                ikePort, natTraversalPort, redirects, cookieThresholdIp, halfOpenLimit, io.ike4j.core.crypto.CryptoProviders.JDK);
    }

    /** The shape before {@code redirects} (RFC 5685) existed: no redirect rules. */
    public EngineSettings(Duration retransmitTimeout, double retransmitBase, int retransmitTries,
                          Duration retransmitLimit, Duration halfOpenTimeout, int cookieThreshold,
                          int blockThreshold, Duration cookieSecretLifetime, Duration natKeepalive,
                          int maxMessageSize, int fragmentSize, int nonceSize, int replayWindow,
                          int ikePort, int natTraversalPort) {
        this(retransmitTimeout, retransmitBase, retransmitTries, retransmitLimit, halfOpenTimeout, cookieThreshold,
                blockThreshold, cookieSecretLifetime, natKeepalive, maxMessageSize, fragmentSize, nonceSize, replayWindow,
                ikePort, natTraversalPort, java.util.List.of());
    }

    /** The first redirect rule of {@code stage} matching the peer (RFC 5685), if any. */
    public java.util.Optional<RedirectRule> redirectFor(RedirectRule.Stage stage, java.net.InetAddress remote, Identity id,
                                                        String connection) {
        return redirects.stream().filter(r -> r.stage() == stage && r.matches(remote, id, connection)).findFirst();
    }

    /**
     * Timeout before retransmission number {@code n} (0 = first send): timeout * base^n, capped by the limit
     * (strongSwan's algorithm without jitter).
     */
    public Duration retransmitDelay(int n) {
        double millis = retransmitTimeout.toMillis() * Math.pow(retransmitBase, n);
        long ms = (long) millis;
        if (!retransmitLimit.isZero() && ms > retransmitLimit.toMillis()) ms = retransmitLimit.toMillis();
        return Duration.ofMillis(ms);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private Duration retransmitTimeout = Duration.ofSeconds(4);
        private double retransmitBase = 1.8;
        private int retransmitTries = 5;
        private Duration retransmitLimit = Duration.ZERO;
        private Duration halfOpenTimeout = Duration.ofSeconds(30);
        private int cookieThreshold = 30;
        static final int COOKIE_THRESHOLD_IP = 3;
        static final int HALF_OPEN_LIMIT = 10_000;
        private int blockThreshold = 5;
        private int cookieThresholdIp = COOKIE_THRESHOLD_IP;
        private int halfOpenLimit = HALF_OPEN_LIMIT;
        private Duration cookieSecretLifetime = Duration.ofSeconds(120);
        private Duration natKeepalive = Duration.ofSeconds(20);
        private int maxMessageSize = 65000;
        private int fragmentSize = 1280;
        private int nonceSize = 32;
        private int replayWindow = 32;
        private int ikePort = IKE_PORT;
        private int natTraversalPort = NAT_T_PORT;
        private final java.util.List<RedirectRule> redirects = new java.util.ArrayList<>();
        private io.ike4j.core.crypto.CryptoProviders crypto = io.ike4j.core.crypto.CryptoProviders.JDK;

        public Builder retransmitTimeout(Duration d) { retransmitTimeout = d; return this; }
        public Builder retransmitBase(double b) { retransmitBase = b; return this; }
        public Builder retransmitTries(int t) { retransmitTries = t; return this; }
        public Builder retransmitLimit(Duration d) { retransmitLimit = d; return this; }
        public Builder halfOpenTimeout(Duration d) { halfOpenTimeout = d; return this; }
        /** Above this many half-open SAs the responder demands a COOKIE (0 = always). */
        public Builder cookieThreshold(int t) { cookieThreshold = t; return this; }
        /** Half-open SAs per peer IP before further IKE_SA_INIT from it are dropped (strongSwan block_threshold; 0 = off). */
        public Builder blockThreshold(int t) { blockThreshold = t; return this; }
        /** Half-open SAs from one peer IP at which its new IKE_SA_INIT must carry a COOKIE (cookie_threshold_ip; 0 = off). */
        public Builder cookieThresholdIp(int t) { cookieThresholdIp = t; return this; }
        /** Half-open SAs (all peers) at which every further new IKE_SA_INIT is dropped: the memory bound (0 = off). */
        public Builder halfOpenLimit(int n) { halfOpenLimit = n; return this; }
        public Builder cookieSecretLifetime(Duration d) { cookieSecretLifetime = d; return this; }
        public Builder natKeepalive(Duration d) { natKeepalive = d; return this; }
        public Builder maxMessageSize(int s) { maxMessageSize = s; return this; }
        public Builder fragmentSize(int s) { fragmentSize = s; return this; }
        public Builder nonceSize(int s) { nonceSize = s; return this; }
        public Builder replayWindow(int w) { replayWindow = w; return this; }
        /** The port our IKE socket is bound to (charon.port). */
        public Builder ikePort(int p) { ikePort = p; return this; }
        /** The port our NAT-T socket is bound to (charon.port_nat_t): where we float to (RFC 7296 2.23). */
        public Builder natTraversalPort(int p) { natTraversalPort = p; return this; }

        /** A gateway-side redirect rule (RFC 5685); the first matching rule of a stage wins. */
        public Builder redirect(RedirectRule r) { redirects.add(r); return this; }

        /** The JCA provider per primitive (default: the JDK's for everything). */
        public Builder crypto(io.ike4j.core.crypto.CryptoProviders c) { crypto = c; return this; }

        public EngineSettings build() {
            return new EngineSettings(retransmitTimeout, retransmitBase, retransmitTries, retransmitLimit, halfOpenTimeout,
                    cookieThreshold, blockThreshold, cookieSecretLifetime, natKeepalive, maxMessageSize, fragmentSize,
                    nonceSize, replayWindow, ikePort, natTraversalPort, redirects, cookieThresholdIp, halfOpenLimit,
                    crypto);
        }
    }
}
