package io.ike4j.core.crypto;

import io.ike4j.core.proposal.PrfAlgorithm;
import java.util.Objects;

/**
 * A negotiated pseudorandom function (RFC 7296 3.3.2): HMAC-SHA1 (RFC 2104) and HMAC-SHA2-256/384/512
 * (RFC 4868 2.1.2: full, untruncated output; keys of any length). Stateless and thread-safe.
 */
public final class Prf {

    private final PrfAlgorithm algorithm;
    private final String jcaName;
    private final CryptoProvider provider;

    private Prf(PrfAlgorithm algorithm, String jcaName, CryptoProvider provider) {
        this.algorithm = algorithm;
        this.jcaName = jcaName;
        this.provider = provider;
    }

    public static boolean isSupported(PrfAlgorithm algorithm) {
        return jcaName(algorithm) != null;
    }

    /** The PRF from the default JCA providers. */
    public static Prf of(PrfAlgorithm algorithm) {
        return of(algorithm, CryptoProvider.jca());
    }

    /** @throws IllegalArgumentException if {@link #isSupported} is false (negotiation must not pick it) */
    public static Prf of(PrfAlgorithm algorithm, CryptoProvider provider) {
        Objects.requireNonNull(provider, "provider");
        String name = jcaName(Objects.requireNonNull(algorithm, "algorithm"));
        if (name == null) throw new IllegalArgumentException("unsupported PRF " + algorithm);
        return new Prf(algorithm, name, provider);
    }

    private static String jcaName(PrfAlgorithm algorithm) {
        return switch (algorithm) {
            case HMAC_SHA1 -> "HmacSHA1";
            case HMAC_SHA2_256 -> "HmacSHA256";
            case HMAC_SHA2_384 -> "HmacSHA384";
            case HMAC_SHA2_512 -> "HmacSHA512";
            // AES-XCBC/CMAC PRFs (RFC 4434, RFC 4615) have a different key rule; not provided yet.
            default -> null;
        };
    }

    public PrfAlgorithm algorithm() {
        return algorithm;
    }

    /** Output length in bytes; also the length of SK_d, SK_pi and SK_pr (RFC 7296 2.14). */
    public int outputLength() {
        return algorithm.outputLength();
    }

    /** prf(key, data[0] | data[1] | ...). */
    public byte[] compute(byte[] key, byte[]... data) {
        return Hmac.compute(provider, jcaName, key, data);
    }

    @Override
    public String toString() {
        return "Prf[" + algorithm + "]";
    }
}
