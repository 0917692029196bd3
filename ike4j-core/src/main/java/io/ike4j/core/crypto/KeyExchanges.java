package io.ike4j.core.crypto;

import io.ike4j.core.proposal.KeyExchangeMethod;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which key exchange methods are implemented, and the entry points for both roles. Supported: MODP 2048/3072/4096
 * (groups 14-16, RFC 3526), ECP 256/384/521 (groups 19-21, RFC 5903), Curve25519/Curve448 (groups 31/32, RFC 8031).
 * A KEM (ML-KEM, RFC 9370 additional key exchanges) fits the same two calls: {@link #initiate} generates the key pair
 * and {@link #respond} encapsulates.
 */
public final class KeyExchanges {

    private static final Set<KeyExchangeMethod> SUPPORTED = Collections.unmodifiableSet(EnumSet.of(
            KeyExchangeMethod.MODP_2048, KeyExchangeMethod.MODP_3072, KeyExchangeMethod.MODP_4096,
            KeyExchangeMethod.ECP_256, KeyExchangeMethod.ECP_384, KeyExchangeMethod.ECP_521,
            KeyExchangeMethod.CURVE25519, KeyExchangeMethod.CURVE448));

    private KeyExchanges() {}

    public static Set<KeyExchangeMethod> supported() {
        return SUPPORTED;
    }

    public static boolean isSupported(KeyExchangeMethod method) {
        return SUPPORTED.contains(method);
    }

    /** Starts a key exchange as initiator (default JCA providers). */
    public static KeyExchange initiate(KeyExchangeMethod method, RandomSource random) throws KeyExchangeException {
        return initiate(method, random, CryptoProvider.jca());
    }

    public static KeyExchange initiate(KeyExchangeMethod method, RandomSource random, CryptoProvider provider)
            throws KeyExchangeException {
        Objects.requireNonNull(random, "random");
        return new DhKeyExchange(group(method, provider), random);
    }

    /** Answers the initiator's Key Exchange Data (default JCA providers). */
    public static KeyExchangeResponse respond(KeyExchangeMethod method, byte[] peerValue, RandomSource random)
            throws KeyExchangeException {
        return respond(method, peerValue, random, CryptoProvider.jca());
    }

    /**
     * Generates our key pair and completes the agreement with {@code peerValue}. The peer value is validated
     * before any key is generated.
     */
    public static KeyExchangeResponse respond(KeyExchangeMethod method, byte[] peerValue, RandomSource random,
            CryptoProvider provider) throws KeyExchangeException {
        Objects.requireNonNull(random, "random");
        DhGroup group = group(method, provider);
        // Cheap rejection before generating a key pair. Diffie-Hellman only: a KEM's ciphertext length differs
        // by direction, so a KEM branch will check its own lengths.
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
