package io.ike4j.core.auth.cert.issue;

import io.ike4j.core.auth.der.Der;
import io.ike4j.core.auth.der.Oids;
import io.ike4j.core.auth.keys.KeyRef;
import io.ike4j.core.auth.keys.Signer;
import io.ike4j.core.auth.signature.SignatureScheme;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds X.509 v3 certificates (RFC 5280 4.1) in DER and signs them through a {@link Signer}: the JDK has no
 * public certificate builder. Extensions: basicConstraints, keyUsage, extendedKeyUsage, subjectAltName,
 * subjectKeyIdentifier, authorityKeyIdentifier, cRLDistributionPoints.
 */
public final class CertificateIssuer {
    private CertificateIssuer() {}

    /** A self-signed certificate: the template's key must be the one behind {@code key}. */
    public static byte[] selfSigned(CertificateTemplate t, Signer signer, KeyRef key, SignatureScheme scheme) throws IssueException {
        byte[] ski = Issuing.keyIdentifier(t.publicKey());
        return build(t, t.subject().getEncoded(), ski, signer, key, scheme);
    }

    /** A certificate issued by {@code issuer}, signed with the issuer's key behind {@code issuerKey}. */
    public static byte[] issue(CertificateTemplate t, X509Certificate issuer, Signer signer, KeyRef issuerKey,
            SignatureScheme scheme) throws IssueException {
        PublicKey caPub = signer.publicKey(issuerKey).orElseThrow(() -> new IssueException("no CA key " + issuerKey.name()));
        if (!caPub.equals(issuer.getPublicKey())) throw new IssueException("CA key does not match the CA certificate");
        return build(t, issuer.getSubjectX500Principal().getEncoded(), Issuing.keyIdentifier(caPub), signer, issuerKey, scheme);
    }

    private static byte[] build(CertificateTemplate t, byte[] issuerName, byte[] authorityKeyId, Signer signer,
            KeyRef key, SignatureScheme scheme) throws IssueException {
        byte[] algId = Issuing.algorithmIdentifier(scheme);
        byte[] tbs = Der.sequence(
                Der.explicit(0, Der.integer(2)), // v3
                Der.integer(t.serial()),
                algId,
                issuerName,
                Der.sequence(Der.time(t.notBefore()), Der.time(t.notAfter())),
                t.subject().getEncoded(),
                t.publicKey().getEncoded(),
                Der.explicit(3, Der.sequence(extensions(t, authorityKeyId).toArray(byte[][]::new))));
        return Issuing.signed(tbs, algId, signer, key, scheme);
    }

    private static List<byte[]> extensions(CertificateTemplate t, byte[] authorityKeyId) {
        List<byte[]> ext = new ArrayList<>();
        if (t.ca()) {
            // RFC 5280 4.2.1.9: critical in CA certificates
            byte[] bc = t.pathLength() >= 0 ? Der.sequence(Der.bool(true), Der.integer(t.pathLength())) : Der.sequence(Der.bool(true));
            ext.add(Issuing.extension(Oids.BASIC_CONSTRAINTS, true, bc));
            ext.add(Issuing.extension(Oids.KEY_USAGE, true, Der.namedBits(5, 6))); // keyCertSign, cRLSign
        } else {
            ext.add(Issuing.extension(Oids.KEY_USAGE, true, Der.namedBits(0))); // digitalSignature
        }
        if (!t.extendedKeyUsages().isEmpty()) {
            ByteArrayOutputStream oids = new ByteArrayOutputStream();
            for (ExtendedKeyUsage e : ExtendedKeyUsage.values()) {
                if (t.extendedKeyUsages().contains(e)) oids.writeBytes(Der.oid(e.oid()));
            }
            ext.add(Issuing.extension(Oids.EXT_KEY_USAGE, false, Der.tlv(Der.SEQUENCE, oids.toByteArray())));
        }
        if (!t.subjectAltNames().isEmpty()) {
            byte[][] names = t.subjectAltNames().stream().map(SubjectAltName::encode).toArray(byte[][]::new);
            ext.add(Issuing.extension(Oids.SUBJECT_ALT_NAME, false, Der.sequence(names)));
        }
        ext.add(Issuing.extension(Oids.SUBJECT_KEY_ID, false, Der.octetString(Issuing.keyIdentifier(t.publicKey()))));
        ext.add(Issuing.extension(Oids.AUTHORITY_KEY_ID, false, Issuing.authorityKeyId(authorityKeyId)));
        if (!t.crlDistributionPoints().isEmpty()) {
            // DistributionPoint { distributionPoint [0] { fullName [0] GeneralNames { uniformResourceIdentifier [6] } } }
            byte[][] points = t.crlDistributionPoints().stream()
                    .map(uri -> Der.sequence(Der.explicit(0, Der.implicitConstructed(0,
                            Der.implicitPrimitive(6, uri.getBytes(StandardCharsets.US_ASCII))))))
                    .toArray(byte[][]::new);
            ext.add(Issuing.extension(Oids.CRL_DISTRIBUTION_POINTS, false, Der.sequence(points)));
        }
        if (!t.ocspUris().isEmpty()) {
            // AccessDescription { accessMethod id-ad-ocsp, accessLocation uniformResourceIdentifier [6] }
            byte[][] access = t.ocspUris().stream()
                    .map(uri -> Der.sequence(Der.oid(Oids.AD_OCSP), Der.implicitPrimitive(6, uri.getBytes(StandardCharsets.US_ASCII))))
                    .toArray(byte[][]::new);
            ext.add(Issuing.extension(Oids.AUTHORITY_INFO_ACCESS, false, Der.sequence(access)));
        }
        return ext;
    }
}
