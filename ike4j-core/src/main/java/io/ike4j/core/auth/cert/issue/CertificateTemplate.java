package io.ike4j.core.auth.cert.issue;

import java.math.BigInteger;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * What to put in a certificate. {@code pathLength} &lt; 0 means unlimited (CA only). Key usage is derived: CAs get
 * keyCertSign and cRLSign, end entities digitalSignature.
 */
public record CertificateTemplate(X500Principal subject, PublicKey publicKey, BigInteger serial, Instant notBefore,
        Instant notAfter, boolean ca, int pathLength, List<SubjectAltName> subjectAltNames,
        Set<ExtendedKeyUsage> extendedKeyUsages, List<String> crlDistributionPoints, List<String> ocspUris) {
    /** The shape before {@code ocspUris}: no authorityInfoAccess. */
    public CertificateTemplate(X500Principal subject, PublicKey publicKey, BigInteger serial, Instant notBefore, Instant notAfter,
                               boolean ca, int pathLength, List<SubjectAltName> subjectAltNames, Set<ExtendedKeyUsage> extendedKeyUsages,
                               List<String> crlDistributionPoints) {
        this(subject, publicKey, serial, notBefore, notAfter, ca, pathLength, subjectAltNames, extendedKeyUsages, crlDistributionPoints,
                List.of());
    }

    public CertificateTemplate {
        Objects.requireNonNull(subject);
        Objects.requireNonNull(publicKey);
        if (serial.signum() <= 0) throw new IllegalArgumentException("serial must be positive");
        if (notAfter.isBefore(notBefore)) throw new IllegalArgumentException("notAfter before notBefore");
        subjectAltNames = List.copyOf(subjectAltNames);
        extendedKeyUsages = Set.copyOf(extendedKeyUsages);
        crlDistributionPoints = List.copyOf(crlDistributionPoints);
        ocspUris = List.copyOf(ocspUris);
    }

    /** An end-entity template without SANs, EKUs or CDPs. */
    public static CertificateTemplate endEntity(X500Principal subject, PublicKey key, BigInteger serial, Instant from, Instant to) {
        return new CertificateTemplate(subject, key, serial, from, to, false, -1, List.of(), Set.of(), List.of());
    }

    public static CertificateTemplate authority(X500Principal subject, PublicKey key, BigInteger serial, Instant from, Instant to) {
        return new CertificateTemplate(subject, key, serial, from, to, true, -1, List.of(), Set.of(), List.of());
    }

    public CertificateTemplate withSubjectAltNames(List<SubjectAltName> sans) {
        return new CertificateTemplate(subject, publicKey, serial, notBefore, notAfter, ca, pathLength, sans,
                extendedKeyUsages, crlDistributionPoints, ocspUris);
    }

    public CertificateTemplate withExtendedKeyUsages(Set<ExtendedKeyUsage> ekus) {
        return new CertificateTemplate(subject, publicKey, serial, notBefore, notAfter, ca, pathLength, subjectAltNames,
                ekus, crlDistributionPoints, ocspUris);
    }

    public CertificateTemplate withCrlDistributionPoints(List<String> uris) {
        return new CertificateTemplate(subject, publicKey, serial, notBefore, notAfter, ca, pathLength, subjectAltNames,
                extendedKeyUsages, uris, ocspUris);
    }

    /** OCSP responder URIs for the authorityInfoAccess extension (RFC 5280 4.2.2.1, id-ad-ocsp). */
    public CertificateTemplate withOcspUris(List<String> uris) {
        return new CertificateTemplate(subject, publicKey, serial, notBefore, notAfter, ca, pathLength, subjectAltNames,
                extendedKeyUsages, crlDistributionPoints, uris);
    }
}
