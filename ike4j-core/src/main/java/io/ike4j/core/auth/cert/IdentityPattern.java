package io.ike4j.core.auth.cert;

import io.ike4j.core.auth.cert.issue.SubjectAltName;
import io.ike4j.core.auth.der.DerException;
import io.ike4j.core.codec.payload.IdType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A configured identity such as swanctl's {@code remote.id}, with strongSwan's type inference and wildcards:
 * {@code %any} matches everything; {@code *.example.com} / {@code *@example.com} match any FQDN / e-mail ending in
 * the suffix; in DNs ({@code C=CH, O=Org, CN=*}) a {@code *} value matches any value of that attribute (same
 * attributes, same order); {@code @name} forces an FQDN, {@code @#hex} a key ID; IP literals match exactly.
 */
public sealed interface IdentityPattern {
    /** Does the peer's ID payload identity satisfy this pattern? */
    boolean matches(IkeIdentity id);

    /** The exact identity to send when we use this as our own ID (empty for wildcards). */
    Optional<IkeIdentity> asIdentity();

    record Any() implements IdentityPattern {
        @Override
        public boolean matches(IkeIdentity id) {
            return true;
        }

        @Override
        public Optional<IkeIdentity> asIdentity() {
            return Optional.empty();
        }
    }

    /** FQDN or e-mail, with an optional leading '*' wildcard. */
    record Name(IdType type, String value) implements IdentityPattern {
        @Override
        public boolean matches(IkeIdentity id) {
            if (id.type() != type) return false;
            String other = new String(id.data(), StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
            String v = value.toLowerCase(Locale.ROOT);
            return v.startsWith("*") ? other.endsWith(v.substring(1)) : other.equals(v);
        }

        @Override
        public Optional<IkeIdentity> asIdentity() {
            return value.contains("*") ? Optional.empty()
                    : Optional.of(new IkeIdentity(type, value.getBytes(StandardCharsets.US_ASCII)));
        }
    }

    record Address(IdType type, byte[] address) implements IdentityPattern {
        @Override
        public boolean matches(IkeIdentity id) {
            return id.type() == type && Arrays.equals(id.data(), address);
        }

        @Override
        public Optional<IkeIdentity> asIdentity() {
            return Optional.of(new IkeIdentity(type, address));
        }
    }

    record KeyId(byte[] keyId) implements IdentityPattern {
        @Override
        public boolean matches(IkeIdentity id) {
            return id.type() == IdType.ID_KEY_ID && Arrays.equals(id.data(), keyId);
        }

        @Override
        public Optional<IkeIdentity> asIdentity() {
            return Optional.of(new IkeIdentity(IdType.ID_KEY_ID, keyId));
        }
    }

    /** A DN pattern, attributes in encoding (strongSwan) order. */
    record Dn(String text, List<DnNames.Attribute> attributes) implements IdentityPattern {
        @Override
        public boolean matches(IkeIdentity id) {
            if (id.type() != IdType.ID_DER_ASN1_DN) return false;
            try {
                return DnNames.matches(attributes, DnNames.fromDer(id.data()));
            } catch (DerException e) {
                return false;
            }
        }

        @Override
        public Optional<IkeIdentity> asIdentity() {
            if (attributes.stream().anyMatch(a -> a.value().equals("*"))) return Optional.empty();
            try {
                byte[] der = io.ike4j.core.auth.cert.issue.DistinguishedNames.parse(text).getEncoded();
                return Optional.of(new IkeIdentity(IdType.ID_DER_ASN1_DN, der));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    /** strongSwan's identification_create_from_string inference; empty if the text is not a valid identity. */
    static Optional<IdentityPattern> parse(String text) {
        String s = text.strip();
        if (s.isEmpty() || s.equals("%any") || s.equals("%any6") || s.equals("*")) return Optional.of(new Any());
        if (s.startsWith("@#")) {
            try {
                return Optional.of(new KeyId(HexFormat.of().parseHex(s.substring(2).replace(":", ""))));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        if (s.startsWith("@@")) return Optional.of(new Name(IdType.ID_RFC822_ADDR, s.substring(2)));
        if (s.startsWith("@")) return Optional.of(new Name(IdType.ID_FQDN, s.substring(1)));
        if (s.contains("=")) return DnNames.fromText(s).map(attrs -> new Dn(s, attrs));
        if (s.contains("@")) return Optional.of(new Name(IdType.ID_RFC822_ADDR, s));
        Optional<byte[]> ip = SubjectAltName.ipLiteral(s);
        if (ip.isPresent()) {
            return Optional.of(new Address(ip.get().length == 4 ? IdType.ID_IPV4_ADDR : IdType.ID_IPV6_ADDR, ip.get()));
        }
        return Optional.of(new Name(IdType.ID_FQDN, s));
    }
}
