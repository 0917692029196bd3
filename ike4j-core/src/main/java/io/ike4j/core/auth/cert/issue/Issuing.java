package io.ike4j.core.auth.cert.issue;

import io.ike4j.core.auth.der.Der;
import io.ike4j.core.auth.der.DerException;
import io.ike4j.core.auth.der.DerReader;
import io.ike4j.core.auth.keys.KeyKind;
import io.ike4j.core.auth.keys.KeyRef;
import io.ike4j.core.auth.keys.SignResult;
import io.ike4j.core.auth.keys.Signer;
import io.ike4j.core.auth.signature.SignatureScheme;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;

/** Shared pieces of certificate and CRL issuing: signing a TBS structure, key identifiers, extensions. */
public final class Issuing {
    private Issuing() {}

    /** The signature scheme pki uses for a CA key (strongSwan defaults: SHA-256 for RSA, curve-sized for ECDSA). */
    public static SignatureScheme defaultScheme(KeyKind kind) {
        return switch (kind) {
            case RSA -> SignatureScheme.RSA_PKCS1_SHA256;
            case ECDSA_P256 -> SignatureScheme.ECDSA_SHA256;
            case ECDSA_P384 -> SignatureScheme.ECDSA_SHA384;
            case ECDSA_P521 -> SignatureScheme.ECDSA_SHA512;
            case ED25519 -> SignatureScheme.ED25519;
            case ED448 -> SignatureScheme.ED448;
        };
    }

    /** RFC 5280 4.1.1: SEQUENCE { tbs, signatureAlgorithm, BIT STRING signatureValue }. */
    static byte[] signed(byte[] tbs, byte[] algId, Signer signer, KeyRef key, SignatureScheme scheme) throws IssueException {
        return switch (signer.sign(key, scheme, tbs)) {
            case SignResult.Signed s -> Der.sequence(tbs, algId, Der.bitString(s.signature()));
            case SignResult.Failed f -> throw new IssueException("signing failed: " + f.detail());
        };
    }

    static byte[] algorithmIdentifier(SignatureScheme scheme) throws IssueException {
        return scheme.algorithmIdentifier().orElseThrow(() -> new IssueException(scheme + " cannot sign certificates"));
    }

    /** RFC 5280 4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING value. */
    public static byte[] keyIdentifier(PublicKey key) {
        try {
            DerReader r = DerReader.single(key.getEncoded()).reader();
            r.read(Der.SEQUENCE);
            byte[] bits = r.read(Der.BIT_STRING).bitStringBytes();
            return MessageDigest.getInstance("SHA-1").digest(bits);
        } catch (DerException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("provider produced an unparsable SubjectPublicKeyInfo", e);
        }
    }

    /** Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }. */
    static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical
                ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    /** AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING }. */
    static byte[] authorityKeyId(byte[] keyId) {
        return Der.sequence(Der.implicitPrimitive(0, keyId));
    }
}
