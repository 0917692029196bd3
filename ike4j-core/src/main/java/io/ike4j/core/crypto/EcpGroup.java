package io.ike4j.core.crypto;

import io.ike4j.core.proposal.KeyExchangeMethod;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;

/**
 * A NIST prime curve group of RFC 5903 (groups 19, 20, 21). Key Exchange Data is x || y, each coordinate
 * left-padded to the field size (RFC 5903 7); the shared secret is the x coordinate of the product, padded
 * likewise (RFC 5903 7, 9). Peer points of the wrong length, with coordinates not below p, or not on the
 * curve are rejected (RFC 6989 2.3).
 *
 * <p>The private scalar d is drawn from the {@link RandomSource} as (field size + 8) bytes reduced into
 * [1, n-1] (FIPS 186-5 A.2.1 style, negligible bias). The JCA cannot derive a public point from a scalar,
 * so it is reconstructed from constant-time agreements only: x(dG) comes from ECDH(d, G); of the two curve
 * points with that x, the one P with x(P + G) = x((d+1)G) is dG. Only public values enter the BigInteger
 * arithmetic here.
 */
final class EcpGroup implements DhGroup {

    private final KeyExchangeMethod method;
    private final ECParameterSpec params;
    private final BigInteger p;
    private final BigInteger a;
    private final BigInteger b;
    private final BigInteger n;
    private final ECPoint g;
    private final int fieldLength;
    private final CryptoProvider provider;

    EcpGroup(KeyExchangeMethod method, String curveName, CryptoProvider provider) {
        this.method = method;
        this.provider = provider;
        try {
            AlgorithmParameters ap = provider.algorithmParameters("EC");
            ap.init(new ECGenParameterSpec(curveName));
            this.params = ap.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CryptoUnavailableException("EC " + curveName, e);
        }
        this.p = ((ECFieldFp) params.getCurve().getField()).getP();
        this.a = params.getCurve().getA();
        this.b = params.getCurve().getB();
        this.n = params.getOrder();
        this.g = params.getGenerator();
        this.fieldLength = (p.bitLength() + 7) / 8;
        if (!p.testBit(0) || !p.testBit(1)) throw new IllegalStateException("square root needs p = 3 mod 4");
    }

    @Override
    public KeyExchangeMethod method() {
        return method;
    }

    int fieldLength() {
        return fieldLength;
    }

    @Override
    public PrivateKey generatePrivate(RandomSource random) {
        byte[] raw = random.bytes(fieldLength + 8);
        BigInteger d = new BigInteger(1, raw).mod(n.subtract(BigInteger.ONE)).add(BigInteger.ONE);
        Bytes.wipe(raw);
        return privateKey(d);
    }

    private PrivateKey privateKey(BigInteger d) {
        try {
            return provider.keyFactory("EC").generatePrivate(new ECPrivateKeySpec(d, params));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CryptoUnavailableException("EC private key", e);
        }
    }

    @Override
    public byte[] publicValue(PrivateKey key) {
        BigInteger d = ((ECPrivateKey) key).getS();
        BigInteger px;
        BigInteger py;
        if (d.equals(n.subtract(BigInteger.ONE))) {
            px = g.getAffineX();
            py = p.subtract(g.getAffineY());
        } else {
            try {
                px = new BigInteger(1, raw(key, g));
                BigInteger y = sqrt(rhs(px));
                BigInteger nextX = new BigInteger(1, raw(privateKey(d.add(BigInteger.ONE)), g));
                ECPoint sum = add(new ECPoint(px, y), g);
                py = sum != null && sum.getAffineX().equals(nextX) ? y : p.subtract(y).mod(p);
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new CryptoUnavailableException("ECDH public value", e);
            }
        }
        return Bytes.concat(Bytes.unsignedFixed(px, fieldLength), Bytes.unsignedFixed(py, fieldLength));
    }

    @Override
    public byte[] agree(PrivateKey key, byte[] peerValue) throws KeyExchangeException {
        if (peerValue == null || peerValue.length != 2 * fieldLength) {
            throw new KeyExchangeException(KeyExchangeException.Reason.INVALID_LENGTH,
                    method + " expects " + 2 * fieldLength + " bytes");
        }
        BigInteger x = Bytes.unsigned(peerValue, 0, fieldLength);
        BigInteger y = Bytes.unsigned(peerValue, fieldLength, fieldLength);
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0 || !y.multiply(y).mod(p).equals(rhs(x))) {
            throw new KeyExchangeException(KeyExchangeException.Reason.INVALID_PUBLIC_VALUE, "point not on curve");
        }
        try {
            byte[] secret = raw(key, new ECPoint(x, y));
            return secret;
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyExchangeException(KeyExchangeException.Reason.INVALID_PUBLIC_VALUE, "rejected by provider");
        }
    }

    private byte[] raw(PrivateKey key, ECPoint point) throws GeneralSecurityException {
        PublicKey pub = provider.keyFactory("EC").generatePublic(new ECPublicKeySpec(point, params));
        return Bytes.fixedLength(DhGroup.agreement(provider, "ECDH", key, pub), fieldLength);
    }

    /** x^3 + a x + b mod p. */
    private BigInteger rhs(BigInteger x) {
        return x.multiply(x).add(a).multiply(x).add(b).mod(p);
    }

    /** Square root mod p for p = 3 mod 4 (the value is a square: it comes from a curve point). */
    private BigInteger sqrt(BigInteger v) {
        BigInteger r = v.modPow(p.add(BigInteger.ONE).shiftRight(2), p);
        if (!r.multiply(r).mod(p).equals(v)) throw new IllegalStateException("not a square");
        return r;
    }

    /** Affine point addition on public points; null is the point at infinity. */
    private ECPoint add(ECPoint s, ECPoint t) {
        BigInteger x1 = s.getAffineX();
        BigInteger y1 = s.getAffineY();
        BigInteger x2 = t.getAffineX();
        BigInteger y2 = t.getAffineY();
        BigInteger lambda;
        if (x1.equals(x2)) {
            if (y1.add(y2).mod(p).signum() == 0) return null;
            BigInteger three = BigInteger.valueOf(3);
            lambda = three.multiply(x1).multiply(x1).add(a)
                    .multiply(y1.shiftLeft(1).modInverse(p)).mod(p);
        } else {
            lambda = y2.subtract(y1).multiply(x2.subtract(x1).mod(p).modInverse(p)).mod(p);
        }
        BigInteger x3 = lambda.multiply(lambda).subtract(x1).subtract(x2).mod(p);
        BigInteger y3 = lambda.multiply(x1.subtract(x3)).subtract(y1).mod(p);
        return new ECPoint(x3, y3);
    }
}
