package io.ike4j.daemon.config;

import java.util.List;
import java.util.Optional;

/**
 * One authentication round, {@code connections.<conn>.local<suffix>} or {@code remote<suffix>}.
 *
 * @param section the section name as written ({@code local}, {@code local-1}, {@code remote-eap} ...)
 * @param round   the {@code round} setting (rounds are ordered by it, then by order of appearance)
 * @param auth    the auth method as written, default {@code pubkey} ({@code psk}, {@code eap-tls}, {@code xauth} ...)
 * @param eapTlsMsk ike4j extension {@code eap_tls_msk} on a remote round: the TLS 1.3 MSK of ike4j as EAP-TLS server,
 *                  {@code rfc9190} (default) or {@code strongswan5} (strongSwan 5.9 clients)
 */
public record AuthConfig(String section, SourceLocation location, int round, String auth, Optional<String> id,
                         Optional<String> eapId, Optional<String> aaaId, Optional<String> xauthId,
                         Optional<String> caId, List<String> certs, List<String> cacerts, List<String> pubkeys,
                         List<String> groups, List<String> certPolicy, Revocation revocation, EapTlsMsk eapTlsMsk) {
    /** Revocation checking of remote certificates; strongSwan default {@code relaxed}. */
    public enum Revocation { STRICT, IFURI, RELAXED }

    /** {@code eap_tls_msk}: RFC 9190 keys, or strongSwan 5.9's TLS 1.3 keys and early EAP-Success. */
    public enum EapTlsMsk { RFC9190, STRONGSWAN5 }

    public AuthConfig {
        certs = List.copyOf(certs);
        cacerts = List.copyOf(cacerts);
        pubkeys = List.copyOf(pubkeys);
        groups = List.copyOf(groups);
        certPolicy = List.copyOf(certPolicy);
        eapTlsMsk = eapTlsMsk == null ? EapTlsMsk.RFC9190 : eapTlsMsk;
    }

    /** The shape before {@code eapTlsMsk}. */
    public AuthConfig(String section, SourceLocation location, int round, String auth, Optional<String> id,
                      Optional<String> eapId, Optional<String> aaaId, Optional<String> xauthId,
                      Optional<String> caId, List<String> certs, List<String> cacerts, List<String> pubkeys,
                      List<String> groups, List<String> certPolicy, Revocation revocation) {
        this(section, location, round, auth, id, eapId, aaaId, xauthId, caId, certs, cacerts, pubkeys, groups, certPolicy,
                revocation, EapTlsMsk.RFC9190);
    }

    /** The strongSwan default round: {@code auth = pubkey}, everything else unset. */
    public static AuthConfig defaults(String section) {
        return new AuthConfig(section, SourceLocation.unknown(), 0, "pubkey", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of(), List.of(), List.of(),
                List.of(), Revocation.RELAXED);
    }
}
