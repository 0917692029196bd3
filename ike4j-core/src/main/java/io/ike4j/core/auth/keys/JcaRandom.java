package io.ike4j.core.auth.keys;

import io.ike4j.core.crypto.RandomSource;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;

/** Adapts the injected {@link RandomSource} to the {@link SecureRandom} that JCA signature engines take. */
final class JcaRandom extends SecureRandom {
    private JcaRandom(SecureRandomSpi spi) {
        super(spi, null);
    }

    static SecureRandom of(RandomSource source) {
        return new JcaRandom(new SecureRandomSpi() {
            @Override
            protected void engineSetSeed(byte[] seed) {}

            @Override
            protected void engineNextBytes(byte[] bytes) {
                source.nextBytes(bytes);
            }

            @Override
            protected byte[] engineGenerateSeed(int numBytes) {
                return source.bytes(numBytes);
            }
        });
    }

    /** Yields {@code fixed} once: used to re-derive an EdDSA public key from its private key bytes. */
    static SecureRandom fixed(byte[] fixed) {
        return of(out -> System.arraycopy(fixed, 0, out, 0, Math.min(out.length, fixed.length)));
    }
}
