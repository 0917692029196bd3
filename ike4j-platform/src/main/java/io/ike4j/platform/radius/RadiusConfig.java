package io.ike4j.platform.radius;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * RADIUS client settings: server (port 1812 by default), shared secret, per-attempt timeout, retransmissions,
 * NAS identification (RFC 2865 5.4/5.32: at least one of NAS-IP-Address and NAS-Identifier is sent) and the bound on
 * outstanding requests (at most 256: one per Identifier).
 */
public record RadiusConfig(InetSocketAddress server, byte[] secret, Duration timeout, int retries, String nasIdentifier,
        Optional<InetAddress> nasIpAddress, int maxOutstanding) {
    public static final int DEFAULT_PORT = 1812;

    public RadiusConfig {
        if (secret.length == 0) throw new IllegalArgumentException("empty RADIUS secret");
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
        if (retries < 0) throw new IllegalArgumentException("retries must be >= 0");
        if (maxOutstanding < 1 || maxOutstanding > 256) throw new IllegalArgumentException("maxOutstanding must be 1..256");
        if (nasIdentifier.isEmpty() && nasIpAddress.isEmpty()) throw new IllegalArgumentException("need NAS-Identifier or NAS-IP-Address");
        secret = secret.clone();
    }

    public static RadiusConfig of(InetSocketAddress server, String secret) {
        return new RadiusConfig(server, secret.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(3), 2, "ike4j", Optional.empty(), 64);
    }

    public RadiusConfig withTimeout(Duration timeout, int retries) {
        return new RadiusConfig(server, secret, timeout, retries, nasIdentifier, nasIpAddress, maxOutstanding);
    }

    public RadiusConfig withNas(String nasIdentifier, Optional<InetAddress> nasIpAddress) {
        return new RadiusConfig(server, secret, timeout, retries, nasIdentifier, nasIpAddress, maxOutstanding);
    }

    public RadiusConfig withMaxOutstanding(int maxOutstanding) {
        return new RadiusConfig(server, secret, timeout, retries, nasIdentifier, nasIpAddress, maxOutstanding);
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public String toString() {
        return "RadiusConfig[server=" + server + ", timeout=" + timeout + ", retries=" + retries + ", nas=" + nasIdentifier + "]";
    }
}
