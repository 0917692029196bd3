package io.ike4j.core.auth.cert;

import io.ike4j.core.auth.der.DerException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * Whether a certificate contains an IKE identity (RFC 4945 3.1, as strongSwan checks it): ID_FQDN against
 * dNSName, ID_RFC822_ADDR against rfc822Name, ID_IPV4/IPV6_ADDR against iPAddress (all subjectAltName), and
 * ID_DER_ASN1_DN against the subject DN or a directoryName. Comparisons of names ignore case.
 */
public final class IdentityMatcher {
    private static final int SAN_EMAIL = 1;
    private static final int SAN_DNS = 2;
    private static final int SAN_DIRECTORY = 4;
    private static final int SAN_IP = 7;

    private IdentityMatcher() {}

    public static boolean matches(IkeIdentity id, X509Certificate cert) {
        byte[] d = id.data();
        return switch (id.type()) {
            case ID_FQDN -> sans(cert, SAN_DNS).stream().anyMatch(s -> s.equalsIgnoreCase(ascii(d)));
            case ID_RFC822_ADDR -> sans(cert, SAN_EMAIL).stream().anyMatch(s -> s.equalsIgnoreCase(ascii(d)));
            case ID_IPV4_ADDR, ID_IPV6_ADDR -> sans(cert, SAN_IP).stream().anyMatch(s -> sameAddress(s, d));
            case ID_DER_ASN1_DN -> dn(d).map(p -> p.equals(cert.getSubjectX500Principal())
                    || sans(cert, SAN_DIRECTORY).stream().anyMatch(s -> sameDn(s, p))).orElse(false);
            default -> false;
        };
    }

    /** As {@link #matches} but with a log-ready refusal. */
    public static Optional<ValidationResult.Refused> check(IkeIdentity id, X509Certificate cert) {
        if (matches(id, cert)) return Optional.empty();
        return Optional.of(new ValidationResult.Refused(RefusalReason.IDENTITY_MISMATCH,
                "identity " + id + " not confirmed by certificate " + CertificateValidator.name(cert)));
    }

    private static Optional<X500Principal> dn(byte[] der) {
        try {
            DnNames.fromDer(der); // strict structure check first
            return Optional.of(new X500Principal(der));
        } catch (DerException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static List<String> sans(X509Certificate cert, int type) {
        try {
            Collection<List<?>> all = cert.getSubjectAlternativeNames();
            if (all == null) return List.of();
            return all.stream().filter(l -> l.size() >= 2 && Integer.valueOf(type).equals(l.get(0)) && l.get(1) instanceof String)
                    .map(l -> (String) l.get(1)).toList();
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static boolean sameDn(String rfc2253, X500Principal p) {
        try {
            return new X500Principal(rfc2253).equals(p);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean sameAddress(String literal, byte[] addr) {
        try {
            return Arrays.equals(InetAddress.ofLiteral(literal).getAddress(), addr);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String ascii(byte[] d) {
        return new String(d, StandardCharsets.US_ASCII);
    }
}
