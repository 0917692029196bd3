package io.ike4j.core.auth.cert.ocsp;

import io.ike4j.core.auth.der.Der;
import io.ike4j.core.auth.der.DerException;
import io.ike4j.core.auth.der.DerReader;
import io.ike4j.core.auth.der.Oids;
import io.ike4j.core.auth.signature.SignatureScheme;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * Evaluates an OCSPResponse (RFC 6960 4.2.1) for one certificate: status successful, a BasicOCSPResponse signed by the
 * certificate's issuer or by a responder certificate the issuer issued for OCSP signing (4.2.2.2), a SingleResponse
 * for exactly this CertID, and thisUpdate/nextUpdate around {@code now} (with {@link #SKEW}). Anything else is
 * {@link OcspStatus.Unusable} with the reason; bad input never throws.
 */
public final class OcspResponses {
    /** Clock difference tolerated around thisUpdate and nextUpdate. */
    public static final Duration SKEW = Duration.ofMinutes(5);
    private static final int GOOD = 0x80, REVOKED = 0xA1, UNKNOWN = 0x82;
    private static final String[] STATUS = {"successful", "malformedRequest", "internalError", "tryLater", "4", "sigRequired", "unauthorized"};

    private OcspResponses() {}

    /** What a response says, and its nextUpdate when it says something (empty if absent or unusable). */
    public record Evaluation(OcspStatus status, java.util.Optional<Instant> nextUpdate) {}

    public static OcspStatus evaluate(byte[] der, X509Certificate cert, X509Certificate issuer, Instant now) {
        return evaluation(der, cert, issuer, now).status();
    }

    /** {@link #evaluate} with the answer's nextUpdate, for caching a usable answer (RFC 6960 4.2.2.1). */
    public static Evaluation evaluation(byte[] der, X509Certificate cert, X509Certificate issuer, Instant now) {
        try {
            DerReader response = DerReader.single(der).reader();
            DerReader.Element status = response.read(Der.ENUMERATED);
            int code = status.contents().length == 1 ? status.contents()[0] : -1;
            if (code != 0) return unusable("responder answered " + (code > 0 && code < STATUS.length ? STATUS[code] : "status " + code));
            DerReader bytes = response.read(0xA0).reader().read(Der.SEQUENCE).reader();
            if (!bytes.read().oid().equals(Oids.OCSP_BASIC)) return unusable("not a basic OCSP response");
            return basic(bytes.read(Der.OCTET_STRING).contents(), CertId.of(cert, issuer), issuer, now);
        } catch (DerException | RuntimeException e) {
            return unusable("malformed OCSP response: " + e.getMessage());
        }
    }

    private static Evaluation unusable(String reason) {
        return new Evaluation(new OcspStatus.Unusable(reason), java.util.Optional.empty());
    }

    private static Evaluation basic(byte[] basic, CertId id, X509Certificate issuer, Instant now) throws DerException {
        DerReader r = DerReader.single(basic).reader();
        DerReader.Element tbs = r.read(Der.SEQUENCE);
        String algorithm = r.read(Der.SEQUENCE).reader().read().oid();
        byte[] signature = r.read().bitStringBytes();
        List<X509Certificate> certs = new ArrayList<>();
        if (r.hasMore() && r.peekTag() == 0xA0) {
            DerReader list = r.read(0xA0).reader().read(Der.SEQUENCE).reader();
            while (list.hasMore()) certs.add(parseCert(list.read().encoded()));
        }
        DerReader data = tbs.reader();
        if (data.peekTag() == 0xA0) data.read(); // version v1
        DerReader.Element responder = data.read();
        data.read(Der.GENERALIZED_TIME); // producedAt
        PublicKey signer = signer(responder, certs, issuer, now);
        if (signer == null) return unusable("OCSP response not signed by the issuer or its OCSP responder");
        if (!verifies(algorithm, signer, tbs.encoded(), signature)) return unusable("OCSP response signature does not verify");
        DerReader singles = data.read(Der.SEQUENCE).reader();
        while (singles.hasMore()) {
            DerReader single = singles.read(Der.SEQUENCE).reader();
            if (!id.matches(single.read(Der.SEQUENCE))) continue;
            DerReader.Element status = single.read();
            Instant thisUpdate = time(single.read(Der.GENERALIZED_TIME));
            Instant nextUpdate = single.hasMore() && single.peekTag() == 0xA0 ? time(single.read(0xA0).reader().read(Der.GENERALIZED_TIME)) : null;
            if (thisUpdate.isAfter(now.plus(SKEW))) return unusable("OCSP response from the future (thisUpdate " + thisUpdate + ")");
            if (nextUpdate != null && nextUpdate.isBefore(now.minus(SKEW))) {
                return unusable("OCSP response is stale (nextUpdate " + nextUpdate + ")");
            }
            OcspStatus st = switch (status.tag()) {
                case GOOD -> new OcspStatus.Good();
                case UNKNOWN -> new OcspStatus.Unknown();
                case REVOKED -> revoked(status.reader());
                default -> new OcspStatus.Unusable("unknown certStatus");
            };
            return new Evaluation(st, java.util.Optional.ofNullable(nextUpdate));
        }
        return unusable("OCSP response does not cover the certificate");
    }

    private static OcspStatus revoked(DerReader info) throws DerException {
        Instant when = time(info.read(Der.GENERALIZED_TIME));
        String reason = "unspecified";
        if (info.hasMore() && info.peekTag() == 0xA0) {
            byte[] e = info.read(0xA0).reader().read(Der.ENUMERATED).contents();
            int code = e.length == 1 ? e[0] : -1;
            if (code >= 0 && code < CRLReason.values().length) reason = CRLReason.values()[code].name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
        return new OcspStatus.Revoked(when, reason);
    }

    /** RFC 6960 4.2.2.2: the issuer itself, or a certificate in the response issued by it with id-kp-OCSPSigning. */
    private static PublicKey signer(DerReader.Element responder, List<X509Certificate> certs, X509Certificate issuer, Instant now)
            throws DerException {
        if (names(responder, issuer)) return issuer.getPublicKey();
        for (X509Certificate c : certs) {
            if (!names(responder, c)) continue;
            try {
                c.verify(issuer.getPublicKey());
                c.checkValidity(Date.from(now));
                List<String> eku = c.getExtendedKeyUsage();
                if (eku != null && eku.contains(Oids.KP_OCSP_SIGNING)) return c.getPublicKey();
            } catch (GeneralSecurityException | RuntimeException e) {
                // not a usable delegated responder
            }
        }
        return null;
    }

    /** ResponderID byName [1] or byKey [2] (SHA-1 of the key's BIT STRING value) names {@code c}. */
    private static boolean names(DerReader.Element responder, X509Certificate c) throws DerException {
        if (responder.tag() == 0xA1) {
            return MessageDigest.isEqual(responder.reader().read().encoded(), c.getSubjectX500Principal().getEncoded());
        }
        if (responder.tag() == 0xA2) {
            byte[] hash = responder.reader().read(Der.OCTET_STRING).contents();
            DerReader spki = DerReader.single(c.getPublicKey().getEncoded()).reader();
            spki.read();
            return MessageDigest.isEqual(hash, CertId.sha1(spki.read().bitStringBytes()));
        }
        return false;
    }

    private static boolean verifies(String algorithmOid, PublicKey key, byte[] tbs, byte[] signature) {
        for (SignatureScheme s : SignatureScheme.values()) {
            if (s.family() == SignatureScheme.Family.RSA_PSS || !s.oid().map(algorithmOid::equals).orElse(false)) continue;
            try {
                Signature v = Signature.getInstance(s.jcaAlgorithm());
                v.initVerify(key);
                v.update(tbs);
                return v.verify(signature);
            } catch (GeneralSecurityException | RuntimeException e) {
                return false;
            }
        }
        return false;
    }

    private static X509Certificate parseCert(byte[] der) throws DerException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new DerException("bad certificate in OCSP response");
        }
    }

    private static final DateTimeFormatter GENERALIZED = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    /** GeneralizedTime "YYYYMMDDHHMMSS[.fff]Z" (RFC 5280 4.1.2.5.2; fractions tolerated and dropped). */
    private static Instant time(DerReader.Element e) throws DerException {
        String s = new String(e.contents(), StandardCharsets.US_ASCII);
        if (s.length() < 15 || !s.endsWith("Z")) throw new DerException("bad GeneralizedTime");
        try {
            return LocalDateTime.parse(s.substring(0, 14), GENERALIZED).toInstant(ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException ex) {
            throw new DerException("bad GeneralizedTime");
        }
    }
}
