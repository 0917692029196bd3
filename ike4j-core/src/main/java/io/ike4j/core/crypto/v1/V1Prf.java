package io.ike4j.core.crypto.v1;

import io.ike4j.core.codec.v1.V1HashAlgorithm;
import io.ike4j.core.crypto.CryptoProvider;
import io.ike4j.core.crypto.CryptoUnavailableException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The negotiated Phase 1 hash and its HMAC, the IKEv1 pseudo-random function (RFC 2409 4: "prf" is the HMAC
 * version of the negotiated hash unless a PRF attribute is negotiated). SHA1 and SHA2-256/384/512 (RFC 4868),
 * MD5 for legacy peers. Stateless and thread-safe.
 */
public final class V1Prf {
    private static final byte[] ONE_ZERO_BYTE = new byte[1];

    private final V1HashAlgorithm hash;
    private final String digestName;
    private final String macName;
    private final int outputLength;
    private final CryptoProvider provider;

    private V1Prf(V1HashAlgorithm hash, String digestName, String macName, int outputLength, CryptoProvider provider) {
        this.hash = hash;
        this.digestName = digestName;
        this.macName = macName;
        this.outputLength = outputLength;
        this.provider = provider;
    }

    public static Optional<V1Prf> of(V1HashAlgorithm hash) {
        return of(hash, CryptoProvider.jca());
    }

    /** Empty for a hash this implementation does not provide (Tiger). */
    public static Optional<V1Prf> of(V1HashAlgorithm hash, CryptoProvider provider) {
        Objects.requireNonNull(provider, "provider");
        return Optional.ofNullable(switch (Objects.requireNonNull(hash, "hash")) {
            case MD5 -> new V1Prf(hash, "MD5", "HmacMD5", 16, provider);
            case SHA1 -> new V1Prf(hash, "SHA-1", "HmacSHA1", 20, provider);
            case SHA2_256 -> new V1Prf(hash, "SHA-256", "HmacSHA256", 32, provider);
            case SHA2_384 -> new V1Prf(hash, "SHA-384", "HmacSHA384", 48, provider);
            case SHA2_512 -> new V1Prf(hash, "SHA-512", "HmacSHA512", 64, provider);
            case TIGER -> null;
        });
    }

    public V1HashAlgorithm hashAlgorithm() {
        return hash;
    }

    /** Output length in bytes of both the hash and the PRF. */
    public int outputLength() {
        return outputLength;
    }

    /** prf(key, data[0] | data[1] | ...): HMAC with any key length (RFC 2104). */
    public byte[] prf(byte[] key, byte[]... data) {
        try {
            Mac mac = provider.mac(macName);
            mac.init(new SecretKeySpec(key.length == 0 ? ONE_ZERO_BYTE : key, macName));
            for (byte[] d : data) mac.update(d);
            return mac.doFinal();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CryptoUnavailableException(macName, e);
        }
    }

    /** hash(data[0] | data[1] | ...): the plain hash, for the IVs (RFC 2409 Appendix B). */
    public byte[] hash(byte[]... data) {
        try {
            MessageDigest md = MessageDigest.getInstance(digestName);
            for (byte[] d : data) md.update(d);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new CryptoUnavailableException(digestName, e);
        }
    }

    @Override
    public String toString() {
        return "V1Prf[" + hash + "]";
    }
}
