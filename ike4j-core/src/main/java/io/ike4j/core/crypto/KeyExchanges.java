package io.ike4j.core.crypto;

import io.ike4j.core.proposal.KeyExchangeMethod;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which key exchange methods are implemented, and the entry points for both roles. Supported: MODP 2048/3072/4096
 * (groups 14-16, RFC 3526), ECP 256/384/521 (groups 19-21, RFC 5903), Curve25519/Curve448 (groups 31/32, RFC 8031),
 * ML-KEM-512/768/1024 (35-37, FIPS 203, draft-ietf-ipsecme-ikev2-mlkem). A KEM fits the same two calls:
 * {@link #initiate} generates the key pair (public value: the encapsulation key) and {@link #respond} encapsulates
 * (public value: the ciphertext); the two directions' lengths differ, see {@link KeyExchangeLengths}.
 */
public final class KeyExchanges {

    private static final Set<KeyExchangeMethod> SUPPORTED = Collections.unmodifiableSet(EnumSet.of(
            KeyExchangeMethod.MODP_2048, KeyExchangeMethod.MODP_3072, KeyExchangeMethod.MODP_4096,
            KeyExchangeMethod.ECP_256, KeyExchangeMethod.ECP_384, KeyExchangeMethod.ECP_521,
            KeyExchangeMethod.CURVE25519, KeyExchangeMethod.CURVE448,
            KeyExchangeMethod.ML_KEM_512, KeyExchangeMethod.ML_KEM_768, KeyExchangeMethod.ML_KEM_1024));

    private KeyExchanges() {}

    public static Set<KeyExchangeMethod> supported() {
        return SUPPORTED;
    }

    public static boolean isSupported(KeyExchangeMethod method) {
        return SUPPORTED.contains(method);
    }

    /**
     * The weak MODP groups 2 (1024-bit, RFC 2409 6.2) and 5 (1536-bit, RFC 3526 2): implemented for IKEv1 peers that
     * need them, but never in {@link #supported()} and never in a default proposal; only an explicit configuration
     * ({@code modp1024}, {@code modp1536}) uses them, through {@link #initiateLegacy} and {@link #respondLegacy}
     * ({@link #initiate} and {@link #respond} refuse them).
     */
    public static boolean isLegacy(KeyExchangeMethod method) {
        return method == KeyExchangeMethod.MODP_1024 || method == KeyExchangeMethod.MODP_1536;
    }

    /** Like {@link #initiate(KeyExchangeMethod, RandomSource)}, also for the {@link #isLegacy legacy} MODP groups. */
    public static KeyExchange initiateLegacy(KeyExchangeMethod method, RandomSource random) throws KeyExchangeException {
        if (!isLegacy(method)) return initiate(method, random);
        return new DhKeyExchange(legacyGroup(method), Objects.requireNonNull(random, "random"));
    }

    /** Like {@link #respond(KeyExchangeMethod, byte[], RandomSource)}, also for the {@link #isLegacy legacy} MODP groups. */
    public static KeyExchangeResponse respondLegacy(KeyExchangeMethod method, byte[] peerValue, RandomSource random)
            throws KeyExchangeException {
        if (!isLegacy(method)) return respond(method, peerValue, random);
        if (peerValue == null || peerValue.length != method.publicValueLength()) {
            throw new KeyExchangeException(KeyExchangeException.Reason.INVALID_LENGTH,
                    method + " expects " + method.publicValueLength() + " bytes");
        }
        DhKeyExchange ours = new DhKeyExchange(legacyGroup(method), Objects.requireNonNull(random, "random"));
        try {
            byte[] secret = ours.sharedSecret(peerValue);
            return new DhResponse(method, ours.publicValue(), secret);
        } finally {
            ours.destroy();
        }
    }

    private static DhGroup legacyGroup(KeyExchangeMethod method) {
        return new ModpGroup(method, method == KeyExchangeMethod.MODP_1024 ? ModpPrimes.MODP_1024 : ModpPrimes.MODP_1536,
                CryptoProvider.jca());
    }

    /** Starts a key exchange as initiator (default JCA providers). */
    public static KeyExchange initiate(KeyExchangeMethod method, RandomSource random) throws KeyExchangeException {
        return initiate(method, random, CryptoProvider.jca());
    }

    public static KeyExchange initiate(KeyExchangeMethod method, RandomSource random, CryptoProvider provider)
            throws KeyExchangeException {
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(provider, "provider");
        var kem = MlKemParameterSet.of(method);
        if (kem.isPresent()) return MlKemKeyExchange.generate(kem.get(), random, provider);
        return new DhKeyExchange(group(method, provider), random);
    }

    /** Answers the initiator's Key Exchange Data (default JCA providers). */
    public static KeyExchangeResponse respond(KeyExchangeMethod method, byte[] peerValue, RandomSource random)
            throws KeyExchangeException {
        return respond(method, peerValue, random, CryptoProvider.jca());
    }

    /**
     * Generates our key pair and completes the agreement with {@code peerValue} (Diffie-Hellman), or encapsulates
     * to the initiator's encapsulation key (ML-KEM: the returned public value is the ciphertext). The peer value's
     * length (and for ML-KEM the FIPS 203 7.2 modulus check) is validated before any randomness is drawn.
     */
    public static KeyExchangeResponse respond(KeyExchangeMethod method, byte[] peerValue, RandomSource random,
            CryptoProvider provider) throws KeyExchangeException {
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(provider, "provider");
        var kem = MlKemParameterSet.of(method);
        if (kem.isPresent()) return MlKemKeyExchange.respond(kem.get(), peerValue, random, provider);
        DhGroup group = group(method, provider);
        // Cheap rejection before generating a key pair: for Diffie-Hellman both directions have the same length.
        if (peerValue == null || peerValue.length != method.publicValueLength()) {
            throw new KeyExchangeException(KeyExchangeException.Reason.INVALID_LENGTH,
                    method + " expects " + method.publicValueLength() + " bytes");
        }
        DhKeyExchange ours = new DhKeyExchange(group, random);
        try {
            byte[] secret = ours.sharedSecret(peerValue);
            return new DhResponse(method, ours.publicValue(), secret);
        } finally {
            ours.destroy();
        }
    }

    private static DhGroup group(KeyExchangeMethod method, CryptoProvider provider) throws KeyExchangeException {
        Objects.requireNonNull(provider, "provider");
        if (method == null) throw new KeyExchangeException(KeyExchangeException.Reason.UNSUPPORTED_METHOD, "null");
        return switch (method) {
            case MODP_2048 -> new ModpGroup(method, ModpPrimes.MODP_2048, provider);
            case MODP_3072 -> new ModpGroup(method, ModpPrimes.MODP_3072, provider);
            case MODP_4096 -> new ModpGroup(method, ModpPrimes.MODP_4096, provider);
            case ECP_256 -> new EcpGroup(method, "secp256r1", provider);
            case ECP_384 -> new EcpGroup(method, "secp384r1", provider);
            case ECP_521 -> new EcpGroup(method, "secp521r1", provider);
            case CURVE25519 -> XdhGroup.x25519(provider);
            case CURVE448 -> XdhGroup.x448(provider);
            default -> throw new KeyExchangeException(KeyExchangeException.Reason.UNSUPPORTED_METHOD,
                    method + " is not implemented");
        };
    }
}
