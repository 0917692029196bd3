package io.ike4j.core.crypto;

import java.security.SecureRandom;

/** The source of randomness the core uses (nonces, SPIs, IVs, private keys). Injected so tests can be deterministic. */
public interface RandomSource {
    void nextBytes(byte[] out);

    default byte[] bytes(int n) {
        byte[] b = new byte[n];
        nextBytes(b);
        return b;
    }

    /** A source backed by the platform's strong {@link SecureRandom}. */
    static RandomSource secure() {
        SecureRandom random = new SecureRandom();
        return random::nextBytes;
    }
}
