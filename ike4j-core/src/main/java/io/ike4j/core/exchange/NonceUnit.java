package io.ike4j.core.exchange;

import io.ike4j.core.codec.payload.NoncePayload;
import io.ike4j.core.crypto.RandomSource;

/** Nonces (RFC 7296 2.10): random, at least 16 bytes and at least half the PRF key size; we send 32 by default. */
public final class NonceUnit {
    public static final int MIN = 16;
    public static final int MAX = 256;

    private NonceUnit() {}

    public static byte[] create(RandomSource random, int size) {
        return random.bytes(size);
    }

    public static NoncePayload payload(byte[] nonce) {
        return new NoncePayload(nonce);
    }

    /** RFC 7296 3.9: a received nonce must be 16..256 bytes. */
    public static boolean acceptable(byte[] nonce) {
        return nonce.length >= MIN && nonce.length <= MAX;
    }
}
