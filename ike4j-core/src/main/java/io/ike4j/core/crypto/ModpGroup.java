package io.ike4j.core.crypto;

import io.ike4j.core.proposal.KeyExchangeMethod;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import javax.crypto.interfaces.DHPrivateKey;
import javax.crypto.spec.DHPrivateKeySpec;
import javax.crypto.spec.DHPublicKeySpec;

/**
 * A MODP group of RFC 3526 (generator 2). The public value is y = g^x mod p left-padded to the modulus
 * length (RFC 7296 3.4); a peer value must have exactly that length and satisfy 1 < y < p-1 (RFC 6989 2.1).
 * Private exponents are 512 bits, at least twice the strength of the largest group here (RFC 3526 8).
 */
final class ModpGroup implements DhGroup {

    static final int EXPONENT_BYTES = 64;
    private static final BigInteger G = BigInteger.TWO;

    private final KeyExchangeMethod method;
    private final BigInteger p;
    private final int length;
    private final CryptoProvider provider;

    ModpGroup(KeyExchangeMethod method, String primeHex, CryptoProvider provider) {
        this.method = method;
        this.p = new BigInteger(primeHex, 16);
        this.length = (p.bitLength() + 7) / 8;
        this.provider = provider;
    }

    @Override
    public KeyExchangeMethod method() {
        return method;
    }

    BigInteger prime() {
        return p;
    }

    @Override
    public PrivateKey generatePrivate(RandomSource random) {
        BigInteger pMinus1 = p.subtract(BigInteger.ONE);
        while (true) {
            byte[] raw = random.bytes(EXPONENT_BYTES);
            BigInteger x = new BigInteger(1, raw);
            Bytes.wipe(raw);
            if (x.compareTo(BigInteger.ONE) > 0 && x.compareTo(pMinus1) < 0) {
                try {
                    KeyFactory kf = provider.keyFactory("DH");
                    return kf.generatePrivate(new DHPrivateKeySpec(x, p, G));
                } catch (GeneralSecurityException | RuntimeException e) {
                    throw new CryptoUnavailableException("DH private key", e);
                }
            }
        }
    }

    @Override
    public byte[] publicValue(PrivateKey key) {
        // g^x computed by the provider's (constant-time) agreement with the generator as "peer".
        try {
            return raw(key, G);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CryptoUnavailableException("DH public value", e);
        }
    }

    @Override
    public byte[] agree(PrivateKey key, byte[] peerValue) throws KeyExchangeException {
        if (peerValue == null || peerValue.length != length) {
            throw new KeyExchangeException(KeyExchangeException.Reason.INVALID_LENGTH,
                    method + " expects " + length + " bytes");
        }
        BigInteger y = new BigInteger(1, peerValue);
        // RFC 6989 2.1: 1 < y < p-1
        if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(p.subtract(BigInteger.ONE)) >= 0) {
            throw new KeyExchangeException(KeyExchangeException.Reason.INVALID_PUBLIC_VALUE, "y out of range");
        }
        byte[] secret;
        try {
            secret = raw(key, y);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyExchangeException(KeyExchangeException.Reason.INVALID_PUBLIC_VALUE, "rejected by provider");
        }
        if (Bytes.allZero(secret)) {
            throw new KeyExchangeException(KeyExchangeException.Reason.INVALID_SHARED_SECRET, "zero");
        }
        return secret;
    }

    private byte[] raw(PrivateKey key, BigInteger y) throws GeneralSecurityException {
        if (!(key instanceof DHPrivateKey)) throw new java.security.InvalidKeyException("not a DH key");
        PublicKey pub = provider.keyFactory("DH").generatePublic(new DHPublicKeySpec(y, p, G));
        return Bytes.fixedLength(DhGroup.agreement(provider, "DH", key, pub), length);
    }
}
