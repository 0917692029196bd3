package io.ike4j.daemon.config;

import java.util.List;
import java.util.Optional;

/**
 * One authentication round, {@code connections.<conn>.local<suffix>} or {@code remote<suffix>}.
 *
 * @param section the section name as written ({@code local}, {@code local-1}, {@code remote-eap} ...)
 * @param round   the {@code round} setting (rounds are ordered by it, then by order of appearance)
 * @param auth    the auth method as written, default {@code pubkey} ({@code psk}, {@code eap-tls}, {@code xauth} ...)
 */
public record AuthConfig(String section, SourceLocation location, int round, String auth, Optional<String> id,
                         Optional<String> eapId, Optional<String> aaaId, Optional<String> xauthId,
                         Optional<String> caId, List<String> certs, List<String> cacerts, List<String> pubkeys,
                         List<String> groups, List<String> certPolicy, Revocation revocation) {
    /** Revocation checking of remote certificates; strongSwan default {@code relaxed}. */
    public enum Revocation { STRICT, IFURI, RELAXED }

    public AuthConfig {
        certs = List.copyOf(certs);
        cacerts = List.copyOf(cacerts);
        pubkeys = List.copyOf(pubkeys);
        groups = List.copyOf(groups);
        certPolicy = List.copyOf(certPolicy);
    }

    /** The strongSwan default round: {@code auth = pubkey}, everything else unset. */
    public static AuthConfig defaults(String section) {
        return new AuthConfig(section, SourceLocation.unknown(), 0, "pubkey", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of(), List.of(), List.of(),
                List.of(), Revocation.RELAXED);
    }
}
