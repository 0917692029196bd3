package io.ike4j.core.config;

import io.ike4j.core.auth.cert.IdentityPattern;
import io.ike4j.core.auth.cert.IkeIdentity;
import io.ike4j.core.codec.payload.IdType;
import java.util.Optional;

/**
 * Bridges the configuration's {@link Identity} and the auth package's {@link IkeIdentity} / {@link IdentityPattern}
 * (which also knows distinguished names and DN wildcards, as strongSwan parses them).
 */
public final class AuthIdentities {
    private AuthIdentities() {}

    /** The same identity for the certificate code; {@code %any} becomes an empty ID_KEY_ID (never matches a cert). */
    public static IkeIdentity toIke(Identity id) {
        return new IkeIdentity(id.type().orElse(IdType.ID_KEY_ID), id.data());
    }

    public static Identity fromIke(IkeIdentity id) {
        return new Identity(id.type(), id.data());
    }

    /**
     * A strongSwan identity string as a concrete identity, including DNs ({@code C=CH, O=Org, CN=moon}); empty for
     * wildcards or invalid text.
     */
    public static Optional<Identity> parse(String text) {
        Optional<Identity> simple = Identity.parse(text);
        if (simple.isPresent()) return simple;
        return pattern(text).flatMap(IdentityPattern::asIdentity).map(AuthIdentities::fromIke);
    }

    /** A strongSwan identity string as a pattern (wildcards allowed); empty if invalid. */
    public static Optional<IdentityPattern> pattern(String text) {
        return IdentityPattern.parse(text);
    }
}
