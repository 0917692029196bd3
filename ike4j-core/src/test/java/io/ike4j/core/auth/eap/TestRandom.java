package io.ike4j.core.auth.eap;

import io.ike4j.core.crypto.RandomSource;
import java.util.Random;

/** Deterministic seeded randomness for tests. */
final class TestRandom implements RandomSource {
    private final Random random;

    TestRandom(long seed) {
        this.random = new Random(seed);
    }

    @Override
    public void nextBytes(byte[] out) {
        random.nextBytes(out);
    }
}
