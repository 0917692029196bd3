package io.ike4j.core.crypto;

import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.util.Arrays;

/**
 * A {@link SecureRandom} that hands out exactly the bytes it was given, in order, and then refuses. It carries
 * seeds drawn from the injected {@link RandomSource} into JCA engines that only take a SecureRandom (the ML-KEM
 * KeyPairGenerator and KEM encapsulator), so that the seeds are the core's own and tests are deterministic.
 * Asking for more bytes than were given, or for a seed, fails: a provider that drew differently would silently
 * break the FIPS 203 seed mapping otherwise. Single use, not thread-safe; {@link #wipe()} clears what is left.
 */
final class FixedSecureRandom extends SecureRandom {

    private final Spi spi;

    private FixedSecureRandom(Spi spi) {
        super(spi, null);
        this.spi = spi;
    }

    /** Serves {@code material} (taken over, wiped as it is consumed or by {@link #wipe()}). */
    static FixedSecureRandom of(byte[] material) {
        return new FixedSecureRandom(new Spi(material));
    }

    /** True once every byte was handed out. */
    boolean exhausted() {
        return spi.position == spi.material.length;
    }

    void wipe() {
        Bytes.wipe(spi.material);
        spi.position = spi.material.length;
    }

    @Override
    public String getAlgorithm() {
        return "ike4j-fixed";
    }

    @Override
    public String toString() {
        return "FixedSecureRandom"; // never the material
    }

    private static final class Spi extends SecureRandomSpi {
        private final byte[] material;
        private int position;

        Spi(byte[] material) {
            this.material = material;
        }

        @Override
        protected void engineSetSeed(byte[] seed) {
            // Seeding does not change a fixed string.
        }

        @Override
        protected void engineNextBytes(byte[] bytes) {
            if (bytes.length > material.length - position) {
                throw new IllegalStateException("fixed randomness exhausted");
            }
            System.arraycopy(material, position, bytes, 0, bytes.length);
            Arrays.fill(material, position, position + bytes.length, (byte) 0);
            position += bytes.length;
        }

        @Override
        protected byte[] engineGenerateSeed(int numBytes) {
            throw new IllegalStateException("fixed randomness has no seed");
        }
    }
}
