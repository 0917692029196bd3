package io.ike4j.core.crypto;

import io.ike4j.core.proposal.KeyExchangeMethod;
import java.util.Locale;
import java.util.Optional;

/**
 * The primitives whose JCA provider can be chosen one by one ({@link CryptoProviders}): the key exchange groups
 * (RFC 7296 3.3.2 transform type 4), the AUTH signature algorithms (RFC 7427, RFC 8420), and the SK payload's
 * AEAD, CBC cipher and MAC/PRF (RFC 7296 3.14, RFC 5282). Each has a short configuration label.
 */
public enum CryptoPrimitive {
    /** Curve25519 (group 31, RFC 8031). */
    X25519("x25519"),
    /** Curve448 (group 32, RFC 8031). */
    X448("x448"),
    /** NIST prime curves (groups 19-21, RFC 5903). */
    ECDH("ecdh"),
    /** Finite-field Diffie-Hellman (RFC 3526 groups). */
    MODP("modp"),
    /** ML-KEM-512/768/1024 (groups 35-37, FIPS 203). */
    ML_KEM("mlkem"),
    /** ECDSA signatures (RFC 4754, RFC 7427). */
    ECDSA("ecdsa"),
    /** Ed25519 and Ed448 signatures (RFC 8420). */
    EDDSA("eddsa"),
    /** RSA PKCS#1 v1.5 and PSS signatures (RFC 7427). */
    RSA("rsa"),
    /** AES-GCM and ChaCha20-Poly1305 in the SK payload (RFC 5282, RFC 7634). */
    AEAD("aead"),
    /** AES-CBC in the SK payload (RFC 3602). */
    CBC("cbc"),
    /** HMAC: the PRF, prf+ key derivation and integrity (RFC 7296 2.13, RFC 4868). */
    MAC("mac");

    private final String label;

    CryptoPrimitive(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** By label (case-insensitive); {@code ed25519} is accepted for {@link #EDDSA}, {@code ecp} for {@link #ECDH}. */
    public static Optional<CryptoPrimitive> parse(String s) {
        String l = s.trim().toLowerCase(Locale.ROOT);
        if (l.equals("ed25519") || l.equals("ed448")) return Optional.of(EDDSA);
        if (l.equals("ecp")) return Optional.of(ECDH);
        for (CryptoPrimitive p : values()) {
            if (p.label.equals(l)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** The primitive a key exchange method uses, if it is one ike4j implements. */
    public static Optional<CryptoPrimitive> of(KeyExchangeMethod method) {
        return switch (method) {
            case CURVE25519 -> Optional.of(X25519);
            case CURVE448 -> Optional.of(X448);
            case ECP_256, ECP_384, ECP_521 -> Optional.of(ECDH);
            case MODP_768, MODP_1024, MODP_1536, MODP_2048, MODP_3072, MODP_4096, MODP_6144, MODP_8192 -> Optional.of(MODP);
            case ML_KEM_512, ML_KEM_768, ML_KEM_1024 -> Optional.of(ML_KEM);
            default -> Optional.empty();
        };
    }
}
