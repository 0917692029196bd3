package io.ike4j.core.auth.keys;

import io.ike4j.core.auth.der.Der;
import io.ike4j.core.auth.der.DerException;
import io.ike4j.core.auth.der.DerReader;
import io.ike4j.core.auth.der.Oids;
import io.ike4j.core.auth.der.Pem;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * Parses key files (bytes in, no I/O): PEM or DER; PKCS#8 "PRIVATE KEY" (RSA, EC, Ed25519, Ed448), traditional
 * PKCS#1 "RSA PRIVATE KEY" (RFC 8017 A.1.2) and SEC1 "EC PRIVATE KEY" (RFC 5915) as strongSwan keeps them in
 * {@code private/}, {@code rsa/}, {@code ecdsa/}, and SubjectPublicKeyInfo "PUBLIC KEY" (RFC 5280 4.1.2.7).
 * Encrypted keys are refused with {@link KeyLoadException.Reason#ENCRYPTED}.
 */
public final class KeyParser {
    private KeyParser() {}

    public static PrivateKeyHandle parsePrivate(byte[] file) throws KeyLoadException {
        byte[] der = file;
        String label = null;
        if (Pem.isPem(file)) {
            Pem.Block block = firstBlock(file);
            label = block.label();
            der = block.der();
            if (label.equals("ENCRYPTED PRIVATE KEY") || label.contains("ENCRYPTED")) {
                throw new KeyLoadException(KeyLoadException.Reason.ENCRYPTED, "encrypted private keys are not supported");
            }
        }
        try {
            PrivateKey key;
            if ("RSA PRIVATE KEY".equals(label)) key = fromPkcs8(wrapPkcs1(der));
            else if ("EC PRIVATE KEY".equals(label)) key = fromPkcs8(wrapSec1(der));
            else if ("PRIVATE KEY".equals(label)) key = fromPkcs8(der);
            else if (label != null) throw new KeyLoadException(KeyLoadException.Reason.UNSUPPORTED_FORMAT, "unexpected PEM label " + label);
            else key = guessDer(der);
            return PublicKeys.complete(key);
        } catch (DerException e) {
            throw new KeyLoadException(KeyLoadException.Reason.MALFORMED, "malformed private key: " + e.getMessage());
        } finally {
            if (der != file) Arrays.fill(der, (byte) 0);
        }
    }

    public static PublicKey parsePublic(byte[] file) throws KeyLoadException {
        byte[] der = file;
        if (Pem.isPem(file)) {
            Pem.Block block = firstBlock(file);
            if (!block.label().equals("PUBLIC KEY")) {
                throw new KeyLoadException(KeyLoadException.Reason.UNSUPPORTED_FORMAT, "unexpected PEM label " + block.label());
            }
            der = block.der();
        }
        try {
            DerReader.Element spki = DerReader.single(der);
            DerReader r = spki.reader();
            String oid = r.read(Der.SEQUENCE).reader().read(Der.OID).oid();
            return KeyFactory.getInstance(factoryFor(oid)).generatePublic(new X509EncodedKeySpec(der));
        } catch (DerException e) {
            throw new KeyLoadException(KeyLoadException.Reason.MALFORMED, "malformed public key: " + e.getMessage());
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            throw new KeyLoadException(KeyLoadException.Reason.MALFORMED, "public key rejected by the provider");
        }
    }

    private static Pem.Block firstBlock(byte[] file) throws KeyLoadException {
        try {
            Optional<Pem.Block> b = Pem.first(file);
            if (b.isEmpty()) throw new KeyLoadException(KeyLoadException.Reason.MALFORMED, "no PEM block");
            return b.get();
        } catch (DerException e) {
            throw new KeyLoadException(KeyLoadException.Reason.MALFORMED, e.getMessage());
        }
    }

    /** Unlabelled DER: PKCS#8 starts with INTEGER 0 then a SEQUENCE; PKCS#1 with INTEGER 0 then INTEGER; SEC1 with INTEGER 1. */
    private static PrivateKey guessDer(byte[] der) throws DerException, KeyLoadException {
        DerReader r = DerReader.single(der).reader();
        java.math.BigInteger v = r.read(Der.INTEGER).integer();
        int version = v.bitLength() < 8 ? v.intValue() : -1;
        int next = r.peekTag();
        if (version == 0 && next == Der.SEQUENCE) return fromPkcs8(der);
        if (version == 0 && next == Der.INTEGER) return fromPkcs8(wrapPkcs1(der));
        if (version == 1 && next == Der.OCTET_STRING) return fromPkcs8(wrapSec1(der));
        if (version == 1 && next == Der.SEQUENCE) return fromPkcs8(der); // PKCS#8 v2 (RFC 5958)
        throw new KeyLoadException(KeyLoadException.Reason.UNSUPPORTED_FORMAT, "unrecognised private key encoding");
    }

    /** RFC 5208 PrivateKeyInfo around an RSAPrivateKey. */
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        return Der.sequence(Der.integer(0), Der.algorithm(Oids.RSA_ENCRYPTION, Der.nul()), Der.octetString(pkcs1));
    }

    /** RFC 5915 ECPrivateKey: the curve comes from the [0] parameters, which must be present here. */
    private static byte[] wrapSec1(byte[] sec1) throws DerException, KeyLoadException {
        DerReader r = DerReader.single(sec1).reader();
        if (!r.read(Der.INTEGER).integer().equals(java.math.BigInteger.ONE)) throw new DerException("ECPrivateKey version must be 1");
        r.read(Der.OCTET_STRING);
        String curve = null;
        while (r.hasMore()) {
            DerReader.Element e = r.read();
            if (e.tag() == 0xa0) curve = e.reader().read(Der.OID).oid();
        }
        if (curve == null) throw new KeyLoadException(KeyLoadException.Reason.UNSUPPORTED_FORMAT, "EC private key without curve parameters");
        return Der.sequence(Der.integer(0), Der.sequence(Der.oid(Oids.EC_PUBLIC_KEY), Der.oid(curve)), Der.octetString(sec1));
    }

    private static PrivateKey fromPkcs8(byte[] pkcs8) throws DerException, KeyLoadException {
        DerReader r = DerReader.single(pkcs8).reader();
        r.read(Der.INTEGER);
        String oid = r.read(Der.SEQUENCE).reader().read(Der.OID).oid();
        try {
            return KeyFactory.getInstance(factoryFor(oid)).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            throw new KeyLoadException(KeyLoadException.Reason.MALFORMED, "private key rejected by the provider");
        }
    }

    private static String factoryFor(String oid) throws KeyLoadException {
        return switch (oid) {
            case Oids.RSA_ENCRYPTION -> "RSA";
            case Oids.EC_PUBLIC_KEY -> "EC";
            case Oids.ED25519 -> "Ed25519";
            case Oids.ED448 -> "Ed448";
            default -> throw new KeyLoadException(KeyLoadException.Reason.UNSUPPORTED_ALGORITHM, "unsupported key algorithm " + oid);
        };
    }
}
