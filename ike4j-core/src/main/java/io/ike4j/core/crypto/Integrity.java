package io.ike4j.core.crypto;

import io.ike4j.core.proposal.IntegrityAlgorithm;
import java.security.MessageDigest;
import java.util.Objects;
import javax.crypto.Mac;

/**
 * A negotiated integrity algorithm (RFC 7296 3.3.2): HMAC-SHA1-96 (RFC 2404) and HMAC-SHA2-256-128,
 * -384-192, -512-256 (RFC 4868 2.1.1: the HMAC output truncated to its left-most half). Stateless and
 * thread-safe; the key is passed with each call.
 */
public final class Integrity {

    private final IntegrityAlgorithm algorithm;
    private final String jcaName;
    private final CryptoProvider provider;

    private Integrity(IntegrityAlgorithm algorithm, String jcaName, CryptoProvider provider) {
        this.algorithm = algorithm;
        this.jcaName = jcaName;
        this.provider = provider;
    }

    public static boolean isSupported(IntegrityAlgorithm algorithm) {
        return jcaName(algorithm) != null;
    }

    public static Integrity of(IntegrityAlgorithm algorithm) {
        return of(algorithm, CryptoProvider.jca());
    }

    /** @throws IllegalArgumentException if {@link #isSupported} is false */
    public static Integrity of(IntegrityAlgorithm algorithm, CryptoProvider provider) {
        Objects.requireNonNull(provider, "provider");
        String name = jcaName(Objects.requireNonNull(algorithm, "algorithm"));
        if (name == null) throw new IllegalArgumentException("unsupported integrity algorithm " + algorithm);
        return new Integrity(algorithm, name, provider);
    }

    private static String jcaName(IntegrityAlgorithm algorithm) {
        return switch (algorithm) {
            case HMAC_SHA1_96 -> "HmacSHA1";
            case HMAC_SHA2_256_128 -> "HmacSHA256";
            case HMAC_SHA2_384_192 -> "HmacSHA384";
            case HMAC_SHA2_512_256 -> "HmacSHA512";
            default -> null;
        };
    }

    public IntegrityAlgorithm algorithm() {
        return algorithm;
    }

    /** Key length in bytes (RFC 4868 2.1.1: equal to the hash output length). */
    public int keyLength() {
        return algorithm.keyLength();
    }

    /** Truncated output length in bytes. */
    public int icvLength() {
        return algorithm.icvLength();
    }

    /** The truncated MAC of {@code data[offset, offset+length)}. */
    public byte[] compute(byte[] key, byte[] data, int offset, int length) {
        Mac mac = Hmac.init(provider, jcaName, key);
        mac.update(data, offset, length);
        return truncate(mac.doFinal());
    }

    /** The truncated MAC of the concatenation of {@code parts}. */
    public byte[] compute(byte[] key, byte[]... parts) {
        return truncate(Hmac.compute(provider, jcaName, key, parts));
    }

    /**
     * Constant-time check that {@code icv[icvOffset, icvOffset+icvLength())} is the MAC of
     * {@code data[offset, offset+length)}. Out-of-range offsets yield false.
     */
    public boolean verify(byte[] key, byte[] data, int offset, int length, byte[] icv, int icvOffset) {
        if (offset < 0 || length < 0 || offset > data.length - length) return false;
        if (icvOffset < 0 || icvOffset > icv.length - icvLength()) return false;
        byte[] expected = compute(key, data, offset, length);
        byte[] actual = Bytes.slice(icv, icvOffset, icvLength());
        return MessageDigest.isEqual(expected, actual);
    }

    private byte[] truncate(byte[] full) {
        if (full.length == icvLength()) return full;
        byte[] out = Bytes.slice(full, 0, icvLength());
        java.util.Arrays.fill(full, (byte) 0);
        return out;
    }

    @Override
    public String toString() {
        return "Integrity[" + algorithm + "]";
    }
}
