package io.ike4j.core.auth.cert;

import io.ike4j.core.auth.keys.KeyKind;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a peer's end-entity certificate (RFC 5280 6): builds the chain from the supplied intermediates (CERT
 * payloads, local CA certs) to a configured trust anchor, then runs the JDK PKIX validator at the injected clock's
 * time, then checks revocation with a {@link RevocationChecker} (configured CRLs, CRL distribution points through
 * its fetcher seam, strongSwan's strict/ifuri/relaxed policies). Weak keys and end-entity key usage are checked too.
 */
public final class CertificateValidator {
    /** strongSwan follows at most 7 intermediate CAs by default. */
    public static final int MAX_PATH = 8;

    private final List<X509Certificate> anchors;
    private final List<X509CRL> crls;
    private final InstantSource clock;
    private final int minRsaBits;
    private final RevocationChecker revocation;

    public CertificateValidator(Collection<X509Certificate> anchors, Collection<X509CRL> crls, InstantSource clock, int minRsaBits,
                                RevocationChecker revocation) {
        this.anchors = List.copyOf(anchors);
        this.crls = List.copyOf(crls);
        this.clock = clock;
        this.minRsaBits = minRsaBits;
        this.revocation = revocation == null ? RevocationChecker.OFFLINE : revocation;
    }

    public CertificateValidator(Collection<X509Certificate> anchors, Collection<X509CRL> crls, InstantSource clock, int minRsaBits) {
        this(anchors, crls, clock, minRsaBits, RevocationChecker.OFFLINE);
    }

    /** With the revocation policy and CRL distribution point fetcher of {@code revocation}. */
    public CertificateValidator(Collection<X509Certificate> anchors, Collection<X509CRL> crls, InstantSource clock,
                                RevocationChecker revocation) {
        this(anchors, crls, clock, 2048, revocation);
    }

    public CertificateValidator(Collection<X509Certificate> anchors, Collection<X509CRL> crls, InstantSource clock) {
        this(anchors, crls, clock, 2048);
    }

    public ValidationResult validate(X509Certificate endEntity, Collection<X509Certificate> intermediates) {
        Date now = Date.from(clock.instant());
        List<X509Certificate> path = new ArrayList<>();
        path.add(endEntity);
        X509Certificate anchor = null;
        X509Certificate cur = endEntity;
        if (anchors.contains(endEntity)) anchor = endEntity; // a directly trusted (e.g. self-signed peer) certificate
        while (anchor == null) {
            if (path.size() > MAX_PATH) return refused(RefusalReason.INVALID_CA, "path longer than " + MAX_PATH + " at " + name(cur));
            X509Certificate issuer = findIssuer(cur, anchors);
            if (issuer != null) {
                anchor = issuer;
                break;
            }
            List<X509Certificate> candidates = intermediates.stream().filter(c -> !path.contains(c)).toList();
            issuer = findIssuer(cur, candidates);
            if (issuer == null) {
                return refused(RefusalReason.UNTRUSTED_CHAIN, "no trusted issuer \"" + cur.getIssuerX500Principal().getName()
                        + "\" found for " + name(cur));
            }
            path.add(issuer);
            cur = issuer;
        }
        List<X509Certificate> all = new ArrayList<>(path);
        if (anchor != endEntity) all.add(anchor);
        for (X509Certificate c : all) {
            String weak = weakness(c.getPublicKey());
            if (weak != null) return refused(RefusalReason.WEAK_KEY, name(c) + ": " + weak);
        }
        try {
            anchor.checkValidity(now); // PKIX does not check the anchor's own validity; strongSwan does
        } catch (CertificateExpiredException e) {
            return refused(RefusalReason.EXPIRED, "trust anchor " + name(anchor) + " expired on " + anchor.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            return refused(RefusalReason.NOT_YET_VALID, "trust anchor " + name(anchor) + " not valid before " + anchor.getNotBefore().toInstant());
        }
        boolean[] ku = endEntity.getKeyUsage();
        if (ku != null && !ku[0] && !ku[1]) {
            return refused(RefusalReason.KEY_USAGE, name(endEntity) + " keyUsage lacks digitalSignature");
        }
        if (anchor == endEntity) return checkValidity(endEntity, now, path, anchor);
        return pkix(path, anchor, now);
    }

    private ValidationResult checkValidity(X509Certificate c, Date now, List<X509Certificate> path, X509Certificate anchor) {
        try {
            c.checkValidity(now);
            return new ValidationResult.Trusted(path, new TrustAnchor(anchor, null));
        } catch (CertificateExpiredException e) {
            return refused(RefusalReason.EXPIRED, name(c) + " expired on " + c.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            return refused(RefusalReason.NOT_YET_VALID, name(c) + " not valid before " + c.getNotBefore().toInstant());
        }
    }

    private ValidationResult pkix(List<X509Certificate> path, X509Certificate anchorCert, Date now) {
        try {
            TrustAnchor anchor = new TrustAnchor(anchorCert, null);
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters params = new PKIXParameters(Set.of(anchor));
            params.setDate(now);
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");
            params.setRevocationEnabled(false); // RFC 5280 6.3 by RevocationChecker: policies and fetched CRLs
            validator.validate(certPath, params);
            List<X509Certificate> chain = new ArrayList<>(path);
            chain.add(anchorCert);
            Optional<ValidationResult.Refused> revoked = revocation.check(chain, crls, now);
            if (revoked.isPresent()) return revoked.get();
            return new ValidationResult.Trusted(path, anchor);
        } catch (CertPathValidatorException e) {
            return mapFailure(e, path);
        } catch (GeneralSecurityException e) {
            return refused(RefusalReason.INVALID, "validation failed: " + e.getMessage());
        }
    }

    private static ValidationResult mapFailure(CertPathValidatorException e, List<X509Certificate> path) {
        int i = e.getIndex();
        X509Certificate c = i >= 0 && i < path.size() ? path.get(i) : path.getFirst();
        String who = name(c);
        CertPathValidatorException.Reason r = e.getReason();
        if (r == CertPathValidatorException.BasicReason.EXPIRED) {
            return refused(RefusalReason.EXPIRED, who + " expired on " + c.getNotAfter().toInstant());
        }
        if (r == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
            return refused(RefusalReason.NOT_YET_VALID, who + " not valid before " + c.getNotBefore().toInstant());
        }
        if (r == CertPathValidatorException.BasicReason.REVOKED) {
            return refused(RefusalReason.REVOKED, who + " is revoked: " + e.getMessage());
        }
        if (r == CertPathValidatorException.BasicReason.INVALID_SIGNATURE || r == PKIXReason.NO_TRUST_ANCHOR) {
            return refused(RefusalReason.UNTRUSTED_CHAIN, who + ": " + e.getMessage());
        }
        if (r == CertPathValidatorException.BasicReason.ALGORITHM_CONSTRAINED) {
            return refused(RefusalReason.WEAK_KEY, who + ": " + e.getMessage());
        }
        if (r == PKIXReason.NOT_CA_CERT || r == PKIXReason.PATH_TOO_LONG) {
            return refused(RefusalReason.INVALID_CA, who + ": " + e.getMessage());
        }
        if (r == PKIXReason.INVALID_KEY_USAGE) return refused(RefusalReason.KEY_USAGE, who + ": " + e.getMessage());
        return refused(RefusalReason.INVALID, who + ": " + e.getMessage());
    }

    /** The issuer of {@code cert} among {@code candidates}: subject matches issuer and the signature verifies. */
    private static X509Certificate findIssuer(X509Certificate cert, List<X509Certificate> candidates) {
        for (X509Certificate c : candidates) {
            if (!c.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) continue;
            try {
                cert.verify(c.getPublicKey());
                return c;
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this one: same name, other key
            }
        }
        return null;
    }

    private String weakness(PublicKey key) {
        if (KeyKind.of(key).isEmpty()) return "unsupported " + key.getAlgorithm() + " key";
        if (key instanceof RSAKey rsa && rsa.getModulus().bitLength() < minRsaBits) {
            return "RSA key of " + rsa.getModulus().bitLength() + " bits is below " + minRsaBits;
        }
        return null;
    }

    static String name(X509Certificate c) {
        return "\"" + c.getSubjectX500Principal().getName() + "\"";
    }

    private static ValidationResult refused(RefusalReason reason, String detail) {
        return new ValidationResult.Refused(reason, detail);
    }
}
