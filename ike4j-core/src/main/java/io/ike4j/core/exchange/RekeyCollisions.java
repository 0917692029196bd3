package io.ike4j.core.exchange;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;

/**
 * RFC 7296 2.8.1/2.8.2: when both peers rekey the same SA at once, the exchange that carried the lowest of the four
 * nonces loses and its initiator deletes the SA it created; RFC 7296 2.25: TEMPORARY_FAILURE is retried after a
 * random delay so that the peers do not collide again.
 */
public final class RekeyCollisions {
    /** Retry after TEMPORARY_FAILURE within [MIN_RETRY, MIN_RETRY + RETRY_JITTER). */
    static final Duration MIN_RETRY = Duration.ofSeconds(2);
    static final Duration RETRY_JITTER = Duration.ofSeconds(8);

    private RekeyCollisions() {}

    /** Nonces compare as unsigned big-endian byte strings (a prefix is lower). */
    static int compare(byte[] x, byte[] y) {
        return Arrays.compareUnsigned(x, y);
    }

    private static byte[] lower(byte[] x, byte[] y) {
        return compare(x, y) <= 0 ? x : y;
    }

    /** True if our exchange (ourNi, ourNr) holds the lowest of the four nonces: our new SA is the redundant one. */
    public static boolean oursLoses(byte[] ourNi, byte[] ourNr, byte[] peerNi, byte[] peerNr) {
        return compare(lower(ourNi, ourNr), lower(peerNi, peerNr)) < 0;
    }

    /** A random delay before retrying an exchange the peer answered with TEMPORARY_FAILURE. */
    static Duration retryDelay(Session s) {
        long jitter = Math.floorMod(ByteBuffer.wrap(s.context().random().bytes(8)).getLong(), RETRY_JITTER.toMillis());
        return MIN_RETRY.plusMillis(jitter);
    }
}
