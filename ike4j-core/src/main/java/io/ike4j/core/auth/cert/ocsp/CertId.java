package io.ike4j.core.auth.cert.ocsp;

import io.ike4j.core.auth.der.Der;
import io.ike4j.core.auth.der.DerException;
import io.ike4j.core.auth.der.DerReader;
import io.ike4j.core.auth.der.Oids;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;

/**
 * RFC 6960 4.1.1 CertID with SHA-1 (what responders universally accept): hash of the issuer's DN, hash of the
 * issuer's public key (the BIT STRING value of its subjectPublicKeyInfo) and the certificate's serial number.
 */
record CertId(byte[] issuerNameHash, byte[] issuerKeyHash, BigInteger serial) {
    static CertId of(X509Certificate cert, X509Certificate issuer) throws DerException {
        byte[] spki = issuer.getPublicKey().getEncoded();
        DerReader r = DerReader.single(spki).reader();
        r.read(); // algorithm
        byte[] key = r.read().bitStringBytes();
        return new CertId(sha1(issuer.getSubjectX500Principal().getEncoded()), sha1(key), cert.getSerialNumber());
    }

    byte[] encode() {
        return Der.sequence(Der.algorithm(Oids.SHA1, Der.nul()), Der.octetString(issuerNameHash), Der.octetString(issuerKeyHash),
                Der.integer(serial));
    }

    /** Whether {@code encoded} (a CertID of a response) names the same certificate (SHA-1 only). */
    boolean matches(DerReader.Element encoded) throws DerException {
        DerReader r = encoded.reader();
        DerReader alg = r.read(Der.SEQUENCE).reader();
        if (!alg.read().oid().equals(Oids.SHA1)) return false;
        return MessageDigest.isEqual(r.read(Der.OCTET_STRING).contents(), issuerNameHash)
                && MessageDigest.isEqual(r.read(Der.OCTET_STRING).contents(), issuerKeyHash)
                && r.read().integer().equals(serial);
    }

    static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 missing from the JDK", e);
        }
    }
}
