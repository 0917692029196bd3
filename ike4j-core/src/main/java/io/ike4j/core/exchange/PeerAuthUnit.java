package io.ike4j.core.exchange;

import io.ike4j.core.auth.cert.CertificateValidator;
import io.ike4j.core.auth.cert.IdentityMatcher;
import io.ike4j.core.auth.cert.RevocationChecker;
import io.ike4j.core.auth.cert.ValidationResult;
import io.ike4j.core.auth.keys.SignatureVerifier;
import io.ike4j.core.auth.signature.HashAlgorithm;
import io.ike4j.core.auth.signature.SignatureAuth;
import io.ike4j.core.auth.signature.SignatureHashAlgorithms;
import io.ike4j.core.auth.signature.VerifyResult;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.payload.AuthMethod;
import io.ike4j.core.codec.payload.AuthenticationPayload;
import io.ike4j.core.config.AuthClass;
import io.ike4j.core.config.AuthConfig;
import io.ike4j.core.config.AuthIdentities;
import io.ike4j.core.config.Credentials;
import io.ike4j.core.config.Identity;
import io.ike4j.core.config.SharedSecret;
import io.ike4j.core.crypto.Prf;
import io.ike4j.core.sa.IkeSa;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the peer's AUTH payload for the remote round (RFC 7296 2.15): PSK MAC, or a signature verified with the
 * key of a certificate validated against our trust anchors and CRLs ({@link CertificateValidator}) whose identity
 * matches the peer's ID ({@link IdentityMatcher}), or with a configured raw public key. Returns why it failed.
 */
public final class PeerAuthUnit {
    private static final Set<HashAlgorithm> ANNOUNCED = Set.copyOf(SignatureHashAlgorithms.DEFAULT);

    private PeerAuthUnit() {}

    /** Empty if the peer proved {@code peerId}; otherwise a log-ready reason. */
    public static Optional<String> verify(Session s, IkeSa sa, AuthConfig remote, Identity localId, Identity peerId,
                                          IkeMessage m, byte[] octets) {
        Optional<AuthenticationPayload> auth = m.first(AuthenticationPayload.class);
        if (auth.isEmpty()) return Optional.of("no AUTH payload");
        if (remote.matchRemote(peerId) == Identity.MATCH_NONE) {
            return Optional.of("identity mismatch: peer " + peerId + " does not match " + describe(remote));
        }
        Credentials cred = s.context().config().credentials();
        Prf prf = EngineCrypto.prf(s, sa.transforms.prf());
        if (remote.method() == AuthClass.PSK) {
            if (auth.get().method() != AuthMethod.SHARED_KEY_MIC.value()) {
                return Optional.of("peer used auth method " + auth.get().method() + ", PSK expected");
            }
            Optional<SharedSecret> psk = cred.sharedKeys().lookup(localId, peerId);
            if (psk.isEmpty()) return Optional.of("no shared key for " + localId + " - " + peerId);
            byte[] secret = psk.get().secret();
            try {
                return PskAuthUnit.verify(prf, secret, octets, auth.get()) ? Optional.empty()
                        : Optional.of("PSK authentication of " + peerId + " failed");
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        }
        if (remote.method() != AuthClass.PUBKEY) return Optional.of("remote auth " + remote.method() + " has no AUTH here");
        if (auth.get().method() == AuthMethod.SHARED_KEY_MIC.value()) return Optional.of("peer used PSK, public key expected");
        List<X509Certificate> certs = CertUnit.peerCerts(m);
        if (certs.isEmpty() && !remote.certs().isEmpty()) certs = List.of(remote.certs().getFirst());
        SignatureVerifier verifier = new SignatureVerifier(SignatureVerifier.DEFAULT_MIN_RSA_BITS, EngineCrypto.of(s));
        if (certs.isEmpty()) {
            if (remote.pubkeys().isEmpty()) return Optional.of("peer " + peerId + " sent no certificate and no public key is configured");
            String last = "no configured public key";
            for (PublicKey k : remote.pubkeys()) {
                VerifyResult r = SignatureAuth.verify(verifier, k, auth.get(), octets, ANNOUNCED);
                if (r.isValid()) return Optional.empty();
                last = ((VerifyResult.Invalid) r).detail();
            }
            return Optional.of("signature of " + peerId + " not verified with the configured public keys: " + last);
        }
        X509Certificate ee = certs.getFirst();
        if (!remote.certs().isEmpty() && !remote.certs().contains(ee)) {
            return Optional.of("certificate \"" + ee.getSubjectX500Principal().getName() + "\" is not the configured peer certificate");
        }
        List<X509Certificate> anchors = remote.cacerts().isEmpty() ? cred.caCerts() : remote.cacerts();
        List<X509Certificate> intermediates = new ArrayList<>(certs.subList(1, certs.size()));
        intermediates.addAll(cred.caCerts());
        if (!remote.certs().contains(ee)) {
            RevocationChecker revocation = new RevocationChecker(remote.revocation(), cred.crlFetcher(),
                    note -> s.log(io.ike4j.core.engine.EngineLog.Subsystem.CFG, sa, note));
            ValidationResult v = new CertificateValidator(anchors, cred.crls(), s.context().clock(), revocation)
                    .validate(ee, intermediates);
            if (v instanceof ValidationResult.Refused r) {
                return Optional.of("certificate \"" + ee.getSubjectX500Principal().getName() + "\" refused: "
                        + r.reason().name().toLowerCase().replace('_', ' ') + " (" + r.detail() + ")");
            }
        }
        var mismatch = IdentityMatcher.check(AuthIdentities.toIke(peerId), ee);
        if (mismatch.isPresent()) return Optional.of("identity mismatch: " + mismatch.get().detail());
        VerifyResult r = SignatureAuth.verify(verifier, ee.getPublicKey(), auth.get(), octets, ANNOUNCED);
        if (r instanceof VerifyResult.Invalid inv) {
            return Optional.of("signature of " + peerId + " invalid: " + inv.reason() + " (" + inv.detail() + ")");
        }
        sa.auth.peerCert = ee;
        return Optional.empty();
    }

    private static String describe(AuthConfig remote) {
        return remote.idPattern().map(Object::toString).orElseGet(() -> remote.identity().map(Identity::toString).orElse("%any"));
    }
}
