package io.ike4j.daemon;

import io.ike4j.core.auth.cert.CertificateRequests;
import io.ike4j.core.config.AuthClass;
import io.ike4j.core.config.AuthIdentities;
import io.ike4j.core.config.EapMethod;
import io.ike4j.core.config.Identity;
import io.ike4j.daemon.config.AuthConfig;
import io.ike4j.daemon.config.ConnectionConfig;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * swanctl.conf authentication rounds ({@code local*}/{@code remote*}) to the engine's {@link io.ike4j.core.config.AuthConfig}:
 * {@code auth} (psk, pubkey/rsa/ecdsa/ed25519 with {@code /pss}, eap-md5|mschapv2|tls|radius), {@code id} (DNs and
 * wildcards included), {@code certs}, {@code cacerts}, {@code pubkeys}, {@code eap_id}, and the connection's
 * {@code send_cert}/{@code send_certreq}. Like strongSwan, a local round with certificates and no {@code id} uses the
 * certificate's subject DN.
 */
final class AuthMapping {
    private AuthMapping() {}

    /**
     * Every round in order (RFC 4739; {@code local-1}, {@code local-2} ...), or empty if one cannot be served. Without
     * a round, strongSwan's default ({@code auth = pubkey}).
     */
    static Optional<List<io.ike4j.core.config.AuthConfig>> mapRounds(String where, ConnectionConfig conn, List<AuthConfig> rounds,
                                                                    boolean local, CredentialFiles files, List<String> warnings) {
        if (rounds.isEmpty()) return map(where, conn, Optional.empty(), local, files, warnings).map(List::of);
        List<io.ike4j.core.config.AuthConfig> out = new java.util.ArrayList<>();
        for (AuthConfig r : rounds) {
            String w = rounds.size() == 1 ? where : where.substring(0, where.lastIndexOf('.') + 1) + r.section();
            if (!out.isEmpty() && r.auth().toLowerCase(Locale.ROOT).startsWith("xauth")) {
                if (conn.version() != 1) { // IKEv1 XAuth (a second round in strongSwan's syntax)
                    warnings.add(w + ": auth = " + r.auth() + " is IKEv1 XAuth (version = 1); ignored for IKEv2");
                    continue;
                }
                Optional<io.ike4j.core.config.AuthConfig> x = xauth(w, r, local, warnings);
                if (x.isEmpty()) return Optional.empty();
                out.add(x.get());
                continue;
            }
            Optional<io.ike4j.core.config.AuthConfig> m = map(w, conn, Optional.of(r), local, files, warnings);
            if (m.isEmpty()) return Optional.empty();
            out.add(m.get());
        }
        return Optional.of(out);
    }

    /**
     * {@code auth = xauth} / {@code xauth-generic} (draft-beaulieu-ike-xauth, user name and password from
     * {@code secrets.xauth*}); on a gateway also {@code xauth-radius} (PAP to the {@code radius.servers} backend, as
     * strongSwan's eap-radius) and {@code xauth-eap} (an EAP-MD5 conversation with that backend, as strongSwan's
     * xauth-eap with {@code backend = radius}). A local round's {@code xauth_id} is the user name (default: the IKE
     * identity).
     */
    private static Optional<io.ike4j.core.config.AuthConfig> xauth(String where, AuthConfig r, boolean local, List<String> warnings) {
        String auth = r.auth().toLowerCase(Locale.ROOT);
        var b = io.ike4j.core.config.AuthConfig.builder(AuthClass.XAUTH);
        if (!local && auth.equals("xauth-radius")) b.eap(EapMethod.RADIUS);
        else if (!local && auth.equals("xauth-eap")) b.eap(EapMethod.MD5);
        else if (!auth.equals("xauth") && !auth.equals("xauth-generic")) {
            warnings.add(where + ": auth = " + r.auth() + " is not supported (xauth, xauth-generic; xauth-radius, xauth-eap on remote rounds)");
            return Optional.empty();
        }
        if (local) r.xauthId().ifPresent(b::eapId);
        return Optional.of(b.build());
    }

    static Optional<io.ike4j.core.config.AuthConfig> map(String where, ConnectionConfig conn, Optional<AuthConfig> first, boolean local,
                                                         CredentialFiles files, List<String> warnings) {
        String auth = first.map(AuthConfig::auth).orElse("pubkey").toLowerCase(Locale.ROOT);
        if (auth.startsWith("ike:")) auth = auth.substring(4); // a constraint on IKE signatures only (rsa/pss-sha256)
        AuthClass method;
        Optional<EapMethod> eap = Optional.empty();
        if (auth.equals("psk")) {
            method = AuthClass.PSK;
        } else if (auth.startsWith("eap")) {
            eap = EapMethod.fromAuth(auth);
            if (eap.isEmpty()) {
                warnings.add(where + ": auth = " + auth + " is not supported (eap, eap-md5, eap-mschapv2, eap-tls, eap-radius)");
                return Optional.empty();
            }
            method = AuthClass.EAP;
        } else if (auth.equals("pubkey") || auth.startsWith("pubkey-") || auth.startsWith("rsa") || auth.startsWith("ecdsa")
                || auth.startsWith("ed25519")) {
            method = AuthClass.PUBKEY;
        } else {
            warnings.add(where + ": auth = " + auth + " is not supported yet");
            return Optional.empty();
        }
        var b = io.ike4j.core.config.AuthConfig.builder(method).rsaPss(auth.contains("pss"));
        eap.ifPresent(b::eap);
        b.sendCertreq(conn.sendCertreq()).sendCert(switch (conn.sendCert()) {
            case ALWAYS -> CertificateRequests.SendPolicy.ALWAYS;
            case NEVER -> CertificateRequests.SendPolicy.NEVER;
            case IFASKED -> CertificateRequests.SendPolicy.IF_ASKED;
        });
        if (first.isEmpty()) return Optional.of(b.build());
        AuthConfig r = first.get();
        r.eapId().ifPresent(b::eapId);
        b.revocation(switch (r.revocation()) {
            case STRICT -> io.ike4j.core.auth.cert.RevocationPolicy.STRICT;
            case IFURI -> io.ike4j.core.auth.cert.RevocationPolicy.IFURI;
            case RELAXED -> io.ike4j.core.auth.cert.RevocationPolicy.RELAXED;
        });
        if (r.eapTlsMsk() == AuthConfig.EapTlsMsk.STRONGSWAN5) {
            // only ike4j as EAP-TLS server (a remote round) chooses; as a client it follows the server by itself
            if (local || method != AuthClass.EAP) {
                warnings.add(where + ".eap_tls_msk: applies to a remote eap/eap-tls round only; ignored");
            } else {
                b.eapTlsMsk(io.ike4j.core.auth.eap.EapTlsConfig.Tls13Msk.STRONGSWAN_5);
            }
        }
        for (String name : r.certs()) {
            files.ownCert(name).ifPresentOrElse(b::cert, () -> warnings.add(where + ".certs: " + name + " not loaded"));
        }
        for (String name : r.cacerts()) {
            files.caCert(name).ifPresentOrElse(b::cacert, () -> warnings.add(where + ".cacerts: " + name + " not loaded"));
        }
        for (String name : r.pubkeys()) {
            files.publicKey(name).ifPresentOrElse(b::pubkey, () -> warnings.add(where + ".pubkeys: " + name + " not loaded"));
        }
        Optional<String> id = r.id();
        if (id.isEmpty() && local && !r.certs().isEmpty()) {
            Optional<X509Certificate> c = r.certs().stream().map(files::ownCert).flatMap(Optional::stream).findFirst();
            c.ifPresent(cert -> b.identity(AuthIdentities.fromIke(new io.ike4j.core.auth.cert.IkeIdentity(
                    io.ike4j.core.codec.payload.IdType.ID_DER_ASN1_DN, cert.getSubjectX500Principal().getEncoded()))));
        }
        if (id.isPresent()) {
            String text = id.get();
            Optional<Identity> concrete = AuthIdentities.parse(text);
            boolean dnOrWildcard = text.contains("=") || text.contains("*");
            if (local && concrete.isEmpty()) {
                warnings.add(where + ".id: '" + text + "' is not a concrete identity");
                return Optional.empty();
            }
            if (concrete.isPresent() && !(dnOrWildcard && !local && text.contains("*"))) b.identity(concrete.get());
            if (!local && dnOrWildcard) {
                var p = AuthIdentities.pattern(text);
                if (p.isEmpty()) {
                    warnings.add(where + ".id: '" + text + "' is not a valid identity");
                    return Optional.empty();
                }
                b.idPattern(p.get());
            } else if (!local && concrete.isEmpty()) {
                Identity.parse(text).ifPresent(b::identity);
            }
        }
        return Optional.of(b.build());
    }
}
