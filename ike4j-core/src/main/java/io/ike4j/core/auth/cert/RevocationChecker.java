package io.ike4j.core.auth.cert;

import io.ike4j.core.auth.cert.ocsp.OcspRequests;
import io.ike4j.core.auth.cert.ocsp.OcspResponses;
import io.ike4j.core.auth.cert.ocsp.OcspStatus;
import io.ike4j.core.auth.cert.ocsp.OcspUris;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Revocation checking of a validated path: OCSP first (RFC 6960, the authorityInfoAccess responders, when a fetcher
 * is present: good settles, revoked refuses), then CRLs (RFC 5280 6.3, simplified to complete CRLs signed by the
 * certificate's issuer): for each certificate below the anchor, the configured CRLs ({@code x509crl/}) and, when a {@link CrlFetcher} is
 * present, the CRLs of its HTTP(S) distribution points. The {@link RevocationPolicy} decides what missing or stale
 * information means; every check that did not end in "good" is reported to {@code log} in words.
 *
 * @param policy  strict, ifuri or relaxed (strongSwan semantics)
 * @param fetcher the CRL distribution point seam; empty: configured CRLs only
 * @param log     where notes about fetches and unavailable status go (the SA's log)
 */
public record RevocationChecker(RevocationPolicy policy, Optional<CrlFetcher> fetcher, Consumer<String> log) {
    /** Configured CRLs only, relaxed, silent: the behaviour before distribution points were fetched. */
    public static final RevocationChecker OFFLINE = new RevocationChecker(RevocationPolicy.RELAXED, Optional.empty(), m -> {});

    public RevocationChecker {
        policy = policy == null ? RevocationPolicy.RELAXED : policy;
        fetcher = fetcher == null ? Optional.empty() : fetcher;
        log = log == null ? m -> {} : log;
    }

    enum Status { GOOD, REVOKED, STALE, UNAVAILABLE, NONE }

    /**
     * Checks {@code chain} (end entity first, anchor last; the anchor itself is not checked) against {@code crls}
     * and the distribution points; a refusal, or empty if the policy accepts.
     */
    public Optional<ValidationResult.Refused> check(List<X509Certificate> chain, List<X509CRL> crls, Date now) {
        for (int i = 0; i + 1 < chain.size(); i++) {
            Optional<ValidationResult.Refused> r = checkOne(chain.get(i), chain.get(i + 1), crls, now);
            if (r.isPresent()) return r;
        }
        return Optional.empty();
    }

    private Optional<ValidationResult.Refused> checkOne(X509Certificate cert, X509Certificate issuer, List<X509CRL> configured,
                                                        Date now) {
        String who = CertificateValidator.name(cert);
        List<URI> ocspUris = OcspUris.of(cert).stream().filter(RevocationChecker::fetchable).toList();
        if (fetcher.isPresent() && !ocspUris.isEmpty()) {
            // RFC 6960: a good answer settles it (CRLs are not fetched), revoked refuses; otherwise CRLs decide
            Optional<OcspStatus> ocsp = ocsp(cert, issuer, ocspUris, now);
            if (ocsp.isPresent() && ocsp.get() instanceof OcspStatus.Good) return Optional.empty();
            if (ocsp.isPresent() && ocsp.get() instanceof OcspStatus.Revoked r) {
                return Optional.of(new ValidationResult.Refused(RefusalReason.REVOKED, who + " is revoked: OCSP says revoked on "
                        + r.when() + ", reason: " + r.reason()));
            }
        }
        List<X509CRL> usable = new ArrayList<>();
        for (X509CRL c : configured) if (issuedBy(c, issuer)) usable.add(c);
        List<URI> uris = CrlDistributionPoints.uris(cert).stream().filter(RevocationChecker::fetchable).toList();
        if (fetcher.isPresent()) {
            for (URI u : uris) {
                switch (fetcher.get().fetch(u)) {
                    case CrlFetcher.Result.Fetched f -> {
                        if (issuedBy(f.crl(), issuer)) {
                            usable.add(f.crl());
                        } else {
                            log.accept("CRL fetched from " + u + " is not signed by the issuer of " + who + ", ignored");
                        }
                    }
                    case CrlFetcher.Result.Failed f -> log.accept("fetching CRL from " + u + " failed: " + f.reason());
                }
            }
        }
        Status status = Status.NONE;
        String detail = "no CRL for " + who;
        Optional<X509CRL> freshest = usable.stream().max(Comparator.comparing(X509CRL::getThisUpdate));
        for (X509CRL c : usable) {
            X509CRLEntry e = c.getRevokedCertificate(cert);
            if (e != null && !e.getRevocationDate().after(now)) {
                CRLReason reason = e.getRevocationReason();
                return Optional.of(new ValidationResult.Refused(RefusalReason.REVOKED, who + " is revoked: certificate was revoked on "
                        + e.getRevocationDate().toInstant() + ", reason: " + (reason == null ? "unspecified"
                        : reason.name().toLowerCase(Locale.ROOT).replace('_', ' '))));
            }
        }
        if (freshest.isPresent()) {
            Date next = freshest.get().getNextUpdate();
            if (next != null && next.before(now)) {
                status = Status.STALE;
                detail = "the CRL of " + who + " is stale (nextUpdate " + next.toInstant() + ")";
            } else {
                status = Status.GOOD;
            }
        } else if (!uris.isEmpty() || (fetcher.isPresent() && !ocspUris.isEmpty())) {
            status = Status.UNAVAILABLE;
            detail = uris.isEmpty() ? "no OCSP answer for " + who + " from " + ocspUris
                    : "no CRL could be fetched for " + who + " from " + uris;
        }
        if (status == Status.GOOD) return Optional.empty();
        boolean fail = switch (policy) {
            case STRICT -> true;
            case IFURI -> !uris.isEmpty() || !ocspUris.isEmpty();
            case RELAXED -> false;
        };
        if (fail) {
            return Optional.of(new ValidationResult.Refused(RefusalReason.REVOCATION_UNAVAILABLE,
                    detail + " (revocation = " + policy.name().toLowerCase(Locale.ROOT) + ")"));
        }
        if (status != Status.NONE) { // no CRL and no URI under relaxed: the common case, not worth a line
            log.accept("certificate status is not available: " + detail + ", accepted (revocation = "
                    + policy.name().toLowerCase(Locale.ROOT) + ")");
        }
        return Optional.empty();
    }

    /** The first usable answer of the responders; every other outcome is logged. */
    private Optional<OcspStatus> ocsp(X509Certificate cert, X509Certificate issuer, List<URI> responders, Date now) {
        Optional<byte[]> request = OcspRequests.build(cert, issuer);
        if (request.isEmpty()) return Optional.empty();
        for (URI u : responders) {
            switch (fetcher.get().queryOcsp(u, request.get())) {
                case CrlFetcher.OcspAnswer.Failed f -> log.accept("OCSP request to " + u + " failed: " + f.reason());
                case CrlFetcher.OcspAnswer.Answered a -> {
                    OcspResponses.Evaluation ev = OcspResponses.evaluation(a.response(), cert, issuer, now.toInstant());
                    OcspStatus st = ev.status();
                    if (st instanceof OcspStatus.Good || st instanceof OcspStatus.Revoked) {
                        fetcher.get().rememberOcsp(request.get(), a.response(), ev.nextUpdate()); // not asked again until then
                    }
                    switch (st) {
                        case OcspStatus.Good g -> { return Optional.of(st); }
                        case OcspStatus.Revoked r -> { return Optional.of(st); }
                        case OcspStatus.Unknown k -> log.accept("OCSP responder " + u + " does not know " + CertificateValidator.name(cert));
                        case OcspStatus.Unusable x -> log.accept("OCSP answer of " + u + " unusable: " + x.reason());
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean fetchable(URI u) {
        String scheme = u.getScheme();
        return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"));
    }

    /** The CRL names the certificate's issuer and is signed by its key. */
    private static boolean issuedBy(X509CRL crl, X509Certificate issuer) {
        if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) return false;
        try {
            crl.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
