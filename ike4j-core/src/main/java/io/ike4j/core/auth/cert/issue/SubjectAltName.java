package io.ike4j.core.auth.cert.issue;

import io.ike4j.core.auth.der.Der;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A subjectAltName GeneralName (RFC 5280 4.2.1.6) of the kinds IKE identities use. */
public record SubjectAltName(Kind kind, String value) {
    public enum Kind { DNS, EMAIL, IP, URI, DN }

    /** strongSwan's inference for {@code --san}: IP literal, URI (has "://"), e-mail (has '@'), DN (has '='), else DNS. */
    public static SubjectAltName parse(String s) {
        if (s.contains("://")) return new SubjectAltName(Kind.URI, s);
        if (ipLiteral(s).isPresent()) return new SubjectAltName(Kind.IP, s);
        if (s.contains("@")) return new SubjectAltName(Kind.EMAIL, s.startsWith("@") ? s.substring(1) : s);
        if (s.contains("=")) return new SubjectAltName(Kind.DN, s);
        return new SubjectAltName(Kind.DNS, s);
    }

    /** Parses an IPv4/IPv6 literal without any name lookup. */
    public static Optional<byte[]> ipLiteral(String s) {
        boolean v4 = s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = s.contains(":") && s.matches("[0-9a-fA-F:.]+");
        if (!v4 && !v6) return Optional.empty();
        try {
            if (v4) {
                for (String part : s.split("\\.")) if (Integer.parseInt(part) > 255) return Optional.empty();
            }
            return Optional.of(InetAddress.ofLiteral(s).getAddress());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The GeneralName encoding (IMPLICIT tags, RFC 5280 Appendix A.2). */
    public byte[] encode() {
        return switch (kind) {
            case EMAIL -> Der.implicitPrimitive(1, value.getBytes(StandardCharsets.US_ASCII));
            case DNS -> Der.implicitPrimitive(2, value.getBytes(StandardCharsets.US_ASCII));
            case DN -> Der.explicit(4, DistinguishedNames.parse(value).getEncoded());
            case URI -> Der.implicitPrimitive(6, value.getBytes(StandardCharsets.US_ASCII));
            case IP -> Der.implicitPrimitive(7, ipLiteral(value).orElseThrow());
        };
    }
}
