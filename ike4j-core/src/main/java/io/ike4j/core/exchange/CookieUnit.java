package io.ike4j.core.exchange;

import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.crypto.RandomSource;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Stateless cookies (RFC 7296 2.6): Cookie = VersionIDofSecret | SHA-256(Ni | IPi | SPIi | secret). The secret is
 * rotated after its lifetime (checked against the injected clock, or on the rotation timer); a cookie made with the
 * previous secret is still accepted. Thread-safe.
 */
public final class CookieUnit {
    private final RandomSource random;
    private final Duration lifetime;
    private int version;
    private byte[] current;
    private byte[] previous;
    private Instant rotatedAt;

    public CookieUnit(RandomSource random, Duration lifetime, Instant now) {
        this.random = random;
        this.lifetime = lifetime;
        this.current = random.bytes(32);
        this.previous = null;
        this.rotatedAt = now;
    }

    public synchronized void rotate(Instant now) {
        previous = current;
        current = random.bytes(32);
        version++;
        rotatedAt = now;
    }

    private synchronized void maybeRotate(Instant now) {
        if (!lifetime.isZero() && !now.isBefore(rotatedAt.plus(lifetime))) rotate(now);
    }

    public byte[] make(byte[] ni, byte[] ipI, long spiI, Instant now) {
        maybeRotate(now);
        synchronized (this) {
            return withVersion(version, digest(ni, ipI, spiI, current));
        }
    }

    public boolean verify(byte[] cookie, byte[] ni, byte[] ipI, long spiI, Instant now) {
        maybeRotate(now);
        if (cookie.length != 4 + 32) return false;
        int v = ByteBuffer.wrap(cookie).getInt();
        byte[] secret;
        synchronized (this) {
            if (v == version) secret = current;
            else if (v == version - 1 && previous != null) secret = previous;
            else return false;
        }
        return MessageDigest.isEqual(cookie, withVersion(v, digest(ni, ipI, spiI, secret)));
    }

    /** The COOKIE notify of a request, if any (RFC 7296 2.6: it must be the first payload, we accept any place). */
    public static Optional<byte[]> cookieOf(IkeMessage m) {
        return m.all(NotifyPayload.class).stream().filter(n -> n.notifyType() == NotifyType.COOKIE.value())
                .map(NotifyPayload::data).findFirst();
    }

    public static NotifyPayload notify(byte[] cookie) {
        return NotifyPayload.of(NotifyType.COOKIE, cookie);
    }

    private static byte[] withVersion(int v, byte[] hash) {
        return ByteBuffer.allocate(4 + hash.length).putInt(v).put(hash).array();
    }

    private static byte[] digest(byte[] ni, byte[] ipI, long spiI, byte[] secret) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(ni);
            d.update(ipI);
            d.update(ByteBuffer.allocate(8).putLong(spiI).array());
            d.update(secret);
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
