package io.ike4j.core.config;

import io.ike4j.core.auth.cert.CertificateRequests;
import io.ike4j.core.auth.cert.IdentityPattern;
import io.ike4j.core.auth.cert.RevocationPolicy;
import io.ike4j.core.auth.eap.EapTlsConfig;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One side's authentication round ({@code local} / {@code remote} in swanctl.conf): the method and the identity.
 * An empty identity means the default: the local IP address for the local side, {@code %any} for the remote side.
 *
 * <ul>
 *   <li>{@code idPattern}: for the remote side, a strongSwan identity pattern (DN wildcards such as
 *       {@code C=CH, O=Org, CN=*}, {@code *.example.com}); when present it decides which peer IDs are accepted.</li>
 *   <li>{@code certs}: local side, our end-entity certificates (the private key is found in the
 *       {@link Credentials#signer()} by public key); remote side, certificates the peer must use (pinned).</li>
 *   <li>{@code cacerts}: remote side, the CAs the peer's chain must end in (empty: any trusted CA).</li>
 *   <li>{@code pubkeys}: raw public keys (RFC 7296 2.15 without certificates): local, which key to sign with;
 *       remote, the keys the peer may sign with.</li>
 *   <li>{@code eap}, {@code eapId}: for {@link AuthClass#EAP}; {@code eapId} {@code %any} asks the client for
 *       its EAP identity, empty uses the IKE identity (strongSwan semantics).</li>
 *   <li>{@code sendCert}, {@code sendCertreq}: connection options of swanctl.conf, kept on the local round.</li>
 *   <li>{@code rsaPss}: local side, sign with RSASSA-PSS when the peer supports RFC 7427 (strongSwan's
 *       {@code rsa_pss} option / {@code rsa/pss} signature constraint).</li>
 *   <li>{@code revocation}: remote side, what missing CRL information means ({@code strict}, {@code ifuri},
 *       {@code relaxed}).</li>
 *   <li>{@code eapTlsMsk}: remote side, how ike4j as EAP-TLS server derives the TLS 1.3 MSK for this peer
 *       ({@link EapTlsConfig.Tls13Msk#STRONGSWAN_5} for strongSwan 5.9 clients, which cannot be recognised before
 *       EAP-Success); {@code RFC_9190} (the default) leaves the choice to {@link Credentials#eapTls()}.</li>
 * </ul>
 */
public record AuthConfig(AuthClass method, Optional<Identity> identity, Optional<IdentityPattern> idPattern,
                         List<X509Certificate> certs, List<X509Certificate> cacerts, List<PublicKey> pubkeys,
                         Optional<EapMethod> eap, Optional<String> eapId, CertificateRequests.SendPolicy sendCert,
                         boolean sendCertreq, boolean rsaPss, RevocationPolicy revocation,
                         EapTlsConfig.Tls13Msk eapTlsMsk) {
    public AuthConfig {
        if (method == null) throw new IllegalArgumentException("auth method required");
        identity = identity == null ? Optional.empty() : identity;
        idPattern = idPattern == null ? Optional.empty() : idPattern;
        certs = List.copyOf(certs == null ? List.of() : certs);
        cacerts = List.copyOf(cacerts == null ? List.of() : cacerts);
        pubkeys = List.copyOf(pubkeys == null ? List.of() : pubkeys);
        eap = eap == null ? Optional.empty() : eap;
        eapId = eapId == null ? Optional.empty() : eapId;
        sendCert = sendCert == null ? CertificateRequests.SendPolicy.IF_ASKED : sendCert;
        if (method == AuthClass.EAP && eap.isEmpty()) eap = Optional.of(EapMethod.ANY);
        revocation = revocation == null ? RevocationPolicy.RELAXED : revocation;
        eapTlsMsk = eapTlsMsk == null ? EapTlsConfig.Tls13Msk.RFC_9190 : eapTlsMsk;
    }

    /** The shape before {@code eapTlsMsk}: RFC 9190 TLS 1.3 keys. */
    public AuthConfig(AuthClass method, Optional<Identity> identity, Optional<IdentityPattern> idPattern,
                      List<X509Certificate> certs, List<X509Certificate> cacerts, List<PublicKey> pubkeys,
                      Optional<EapMethod> eap, Optional<String> eapId, CertificateRequests.SendPolicy sendCert,
                      boolean sendCertreq, boolean rsaPss, RevocationPolicy revocation) {
        this(method, identity, idPattern, certs, cacerts, pubkeys, eap, eapId, sendCert, sendCertreq, rsaPss,
                revocation, EapTlsConfig.Tls13Msk.RFC_9190);
    }

    /** The EAP-TLS settings for this (remote) round: {@code base} with this round's TLS 1.3 MSK if it is not the default. */
    public EapTlsConfig eapTls(EapTlsConfig base) {
        return eapTlsMsk == EapTlsConfig.Tls13Msk.RFC_9190 ? base : base.withTls13Msk(eapTlsMsk);
    }

    /** The shape before {@code revocation}: relaxed (strongSwan's default). */
    public AuthConfig(AuthClass method, Optional<Identity> identity, Optional<IdentityPattern> idPattern,
                      List<X509Certificate> certs, List<X509Certificate> cacerts, List<PublicKey> pubkeys,
                      Optional<EapMethod> eap, Optional<String> eapId, CertificateRequests.SendPolicy sendCert,
                      boolean sendCertreq, boolean rsaPss) {
        this(method, identity, idPattern, certs, cacerts, pubkeys, eap, eapId, sendCert, sendCertreq, rsaPss,
                RevocationPolicy.RELAXED);
    }

    public AuthConfig(AuthClass method, Optional<Identity> identity) {
        this(method, identity, Optional.empty(), List.of(), List.of(), List.of(), Optional.empty(), Optional.empty(),
                null, true, false);
    }

    public static AuthConfig psk(Identity id) {
        return new AuthConfig(AuthClass.PSK, Optional.ofNullable(id));
    }

    public static AuthConfig psk(String id) {
        return psk(id == null ? null : Identity.of(id));
    }

    public static AuthConfig pskDefault() {
        return new AuthConfig(AuthClass.PSK, Optional.empty());
    }

    public static Builder builder(AuthClass method) {
        return new Builder(method);
    }

    /** Does the peer's identity satisfy this (remote) round? A score as {@link Identity#matches}, 0 for no. */
    public int matchRemote(Identity peer) {
        if (idPattern.isPresent()) {
            if (!idPattern.get().matches(AuthIdentities.toIke(peer))) return Identity.MATCH_NONE;
            return idPattern.get() instanceof IdentityPattern.Any ? Identity.MATCH_ANY
                    : idPattern.get().asIdentity().isPresent() ? Identity.MATCH_PERFECT : Identity.MATCH_WILDCARD;
        }
        return identity.orElse(Identity.ANY).matches(peer);
    }

    /** True if the remote identity is concrete and may be sent as IDr. */
    public boolean remoteIdSendable() {
        if (idPattern.isPresent()) return idPattern.get().asIdentity().isPresent();
        return identity.isPresent() && !identity.get().isPattern();
    }

    public static final class Builder {
        private final AuthClass method;
        private Identity identity;
        private IdentityPattern idPattern;
        private final List<X509Certificate> certs = new ArrayList<>();
        private final List<X509Certificate> cacerts = new ArrayList<>();
        private final List<PublicKey> pubkeys = new ArrayList<>();
        private EapMethod eap;
        private String eapId;
        private CertificateRequests.SendPolicy sendCert = CertificateRequests.SendPolicy.IF_ASKED;
        private boolean sendCertreq = true;
        private boolean rsaPss;
        private RevocationPolicy revocation = RevocationPolicy.RELAXED;
        private EapTlsConfig.Tls13Msk eapTlsMsk = EapTlsConfig.Tls13Msk.RFC_9190;

        private Builder(AuthClass method) {
            this.method = method;
        }

        public Builder identity(Identity id) { identity = id; return this; }
        public Builder identity(String id) { identity = Identity.of(id); return this; }
        public Builder idPattern(IdentityPattern p) { idPattern = p; return this; }
        public Builder cert(X509Certificate c) { certs.add(c); return this; }
        public Builder cacert(X509Certificate c) { cacerts.add(c); return this; }
        public Builder pubkey(PublicKey k) { pubkeys.add(k); return this; }
        public Builder eap(EapMethod m) { eap = m; return this; }
        public Builder eapId(String id) { eapId = id; return this; }
        public Builder sendCert(CertificateRequests.SendPolicy p) { sendCert = p; return this; }
        public Builder sendCertreq(boolean b) { sendCertreq = b; return this; }
        public Builder rsaPss(boolean b) { rsaPss = b; return this; }
        public Builder revocation(RevocationPolicy p) { revocation = p; return this; }
        public Builder eapTlsMsk(EapTlsConfig.Tls13Msk m) { eapTlsMsk = m; return this; }

        public AuthConfig build() {
            return new AuthConfig(method, Optional.ofNullable(identity), Optional.ofNullable(idPattern), certs, cacerts,
                    pubkeys, Optional.ofNullable(eap), Optional.ofNullable(eapId), sendCert, sendCertreq, rsaPss, revocation, eapTlsMsk);
        }
    }
}
