package io.ike4j.core.crypto;

import io.ike4j.core.proposal.KeyExchangeMethod;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;

/**
 * Curve25519 / Curve448 (RFC 8031, RFC 7748). Key Exchange Data is the raw little-endian u-coordinate
 * (32 / 56 bytes); the private key is as many random bytes (clamped by X25519/X448 itself). A peer value of
 * the wrong length is rejected, as is an all-zero shared secret (RFC 8031 2.3, RFC 7748 6). Non-canonical
 * u values are accepted and reduced mod p, and X25519 ignores the top bit (RFC 7748 5).
 */
final class XdhGroup implements DhGroup {

    private final KeyExchangeMethod method;
    private final NamedParameterSpec spec;
    private final BigInteger p;
    private final BigInteger baseU;
    private final int length;
    private final CryptoProvider provider;

    private XdhGroup(KeyExchangeMethod method, NamedParameterSpec spec, BigInteger p, int baseU, int length,
            CryptoProvider provider) {
        this.method = method;
        this.spec = spec;
        this.p = p;
        this.baseU = BigInteger.valueOf(baseU);
        this.length = length;
        this.provider = provider;
    }

    static XdhGroup x25519(CryptoProvider provider) {
        BigInteger p = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
        return new XdhGroup(KeyExchangeMethod.CURVE25519, NamedParameterSpec.X25519, p, 9, 32, provider);
    }

    static XdhGroup x448(CryptoProvider provider) {
        BigInteger p = BigInteger.TWO.pow(448).subtract(BigInteger.TWO.pow(224)).subtract(BigInteger.ONE);
        return new XdhGroup(KeyExchangeMethod.CURVE448, NamedParameterSpec.X448, p, 5, 56, provider);
    }

    @Override
    public KeyExchangeMethod method() {
        return method;
    }

    @Override
    public PrivateKey generatePrivate(RandomSource random) {
        byte[] scalar = random.bytes(length);
        try {
            return provider.keyFactory("XDH").generatePrivate(new XECPrivateKeySpec(spec, scalar));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CryptoUnavailableException("XDH private key", e);
        } finally {
            Bytes.wipe(scalar);
        }
    }

    @Override
    public byte[] publicValue(PrivateKey key) {
        try {
            return raw(key, baseU); // X25519(k, 9) / X448(k, 5)
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CryptoUnavailableException("XDH public value", e);
        }
    }

    @Override
    public byte[] agree(PrivateKey key, byte[] peerValue) throws KeyExchangeException {
        if (peerValue == null || peerValue.length != length) {
            throw new KeyExchangeException(KeyExchangeException.Reason.INVALID_LENGTH,
                    method + " expects " + length + " bytes");
        }
        byte[] be = Bytes.reverse(peerValue);
        if (method == KeyExchangeMethod.CURVE25519) be[0] &= 0x7f; // RFC 7748 5: mask the most significant bit
        BigInteger u = new BigInteger(1, be).mod(p);
        byte[] secret;
        try {
            secret = raw(key, u);
        } catch (GeneralSecurityException | RuntimeException e) {
            // The provider refuses small-order points whose product is zero.
            throw new KeyExchangeException(KeyExchangeException.Reason.INVALID_SHARED_SECRET, "degenerate point");
        }
        if (Bytes.allZero(secret)) {
            throw new KeyExchangeException(KeyExchangeException.Reason.INVALID_SHARED_SECRET, "all-zero secret");
        }
        return secret;
    }

    private byte[] raw(PrivateKey key, BigInteger u) throws GeneralSecurityException {
        PublicKey pub = provider.keyFactory("XDH").generatePublic(new XECPublicKeySpec(spec, u));
        return DhGroup.agreement(provider, "XDH", key, pub);
    }
}
