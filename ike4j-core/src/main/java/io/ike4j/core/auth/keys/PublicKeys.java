package io.ike4j.core.auth.keys;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;

/** Recovers the public half of a private key, which key files don't always carry. */
final class PublicKeys {
    private PublicKeys() {}

    static PrivateKeyHandle complete(PrivateKey key) throws KeyLoadException {
        KeyKind kind = KeyKind.of(key).orElseThrow(() -> new KeyLoadException(KeyLoadException.Reason.UNSUPPORTED_ALGORITHM,
                "unsupported key algorithm or curve " + key.getAlgorithm()));
        try {
            PublicKey pub = switch (key) {
                case RSAPrivateCrtKey rsa -> KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
                case ECPrivateKey ec -> ecPublic(ec);
                case EdECPrivateKey ed -> edPublic(ed);
                default -> throw new KeyLoadException(KeyLoadException.Reason.UNSUPPORTED_FORMAT,
                        "cannot derive the public key (RSA keys need CRT parameters)");
            };
            return new PrivateKeyHandle(key, pub, kind);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyLoadException(KeyLoadException.Reason.MALFORMED, "inconsistent private key");
        }
    }

    /**
     * Q = d*G: ECDH of d with the generator yields Q's x coordinate (the JDK's constant-time code handles the
     * secret); y is recovered from the curve equation (p = 3 mod 4 for P-256/384/521) and its sign chosen by a
     * test signature.
     */
    private static PublicKey ecPublic(ECPrivateKey ec) throws GeneralSecurityException, KeyLoadException {
        ECParameterSpec params = ec.getParams();
        KeyFactory kf = KeyFactory.getInstance("EC");
        PublicKey generator = kf.generatePublic(new ECPublicKeySpec(params.getGenerator(), params));
        KeyAgreement ka = KeyAgreement.getInstance("ECDH");
        ka.init(ec);
        ka.doPhase(generator, true);
        BigInteger x = new BigInteger(1, ka.generateSecret());
        BigInteger p = ((ECFieldFp) params.getCurve().getField()).getP();
        BigInteger rhs = x.pow(3).add(params.getCurve().getA().multiply(x)).add(params.getCurve().getB()).mod(p);
        BigInteger y = rhs.modPow(p.add(BigInteger.ONE).shiftRight(2), p);
        if (!y.multiply(y).mod(p).equals(rhs)) throw new KeyLoadException(KeyLoadException.Reason.MALFORMED, "inconsistent EC key");
        byte[] probe = "ike4j key check".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(ec);
        signer.update(probe);
        byte[] sig = signer.sign();
        for (BigInteger cand : new BigInteger[] {y, p.subtract(y)}) {
            PublicKey pub = kf.generatePublic(new ECPublicKeySpec(new ECPoint(x, cand), params));
            Signature v = Signature.getInstance("SHA256withECDSA");
            v.initVerify(pub);
            v.update(probe);
            if (v.verify(sig)) return pub;
        }
        throw new KeyLoadException(KeyLoadException.Reason.MALFORMED, "inconsistent EC key");
    }

    /** RFC 8032 5.1.5: the public key is a function of the 32/57-byte private key; the JDK generator recomputes it. */
    private static PublicKey edPublic(EdECPrivateKey ed) throws GeneralSecurityException, KeyLoadException {
        byte[] priv = ed.getBytes().orElseThrow(() -> new KeyLoadException(KeyLoadException.Reason.MALFORMED, "EdDSA key without bytes"));
        try {
            String name = ed.getParams().getName();
            KeyPairGenerator g = KeyPairGenerator.getInstance(name);
            g.initialize(new NamedParameterSpec(name), JcaRandom.fixed(priv));
            KeyPair pair = g.generateKeyPair();
            return pair.getPublic();
        } finally {
            Arrays.fill(priv, (byte) 0);
        }
    }
}
