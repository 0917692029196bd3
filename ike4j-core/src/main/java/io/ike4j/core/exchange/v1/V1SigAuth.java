package io.ike4j.core.exchange.v1;

import io.ike4j.core.auth.cert.CertificateValidator;
import io.ike4j.core.auth.cert.Certificates;
import io.ike4j.core.auth.cert.IdentityMatcher;
import io.ike4j.core.auth.cert.ValidationResult;
import io.ike4j.core.auth.keys.KeyKind;
import io.ike4j.core.auth.keys.KeyRef;
import io.ike4j.core.auth.keys.SignResult;
import io.ike4j.core.auth.keys.SignatureVerifier;
import io.ike4j.core.codec.v1.Octets;
import io.ike4j.core.codec.v1.V1AuthMethod;
import io.ike4j.core.codec.v1.V1CertEncoding;
import io.ike4j.core.codec.v1.V1HashAlgorithm;
import io.ike4j.core.codec.v1.V1Payload;
import io.ike4j.core.config.AuthClass;
import io.ike4j.core.config.AuthConfig;
import io.ike4j.core.config.AuthIdentities;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.Credentials;
import io.ike4j.core.config.Identity;
import io.ike4j.core.crypto.v1.V1Prf;
import io.ike4j.core.exchange.CertUnit;
import io.ike4j.core.sa.v1.IsakmpSa;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Phase 1 authentication with signatures (RFC 2409 5.1; ECDSA: RFC 4754 7): the authentication method follows our
 * key (RSA signatures, or ECDSA with the curve of our key), SIG_I/SIG_R sign HASH_I/HASH_R as computed (RSA PKCS#1
 * v1.5 without DigestInfo, ECDSA r||s), certificates travel in CERT payloads (encoding 4) when the peer sent a CERTREQ
 * or {@code send_cert = always}, and the peer's certificate is validated as for IKEv2 ({@link CertificateValidator},
 * {@link IdentityMatcher}).
 */
final class V1SigAuth {
    private V1SigAuth() {}

    /** The Phase 1 authentication method {@code c} uses: from the local round and, for signatures, our key; empty if none. */
    static Optional<V1AuthMethod> method(Credentials cred, ConnectionConfig c) {
        if (c.local().method() == AuthClass.PSK) return Optional.of(pskMethod(c));
        if (c.local().method() != AuthClass.PUBKEY) return Optional.empty();
        Optional<V1AuthMethod> m = ourChain(cred, c.local()).flatMap(chain -> KeyKind.of(chain.getFirst().getPublicKey()))
                .flatMap(V1SigAuth::method);
        // draft-beaulieu-ike-xauth 5: RSA signatures followed by XAuth (strongSwan: pubkey + xauth rounds)
        return m.map(x -> x == V1AuthMethod.RSA_SIGNATURES && pskMethod(c) == V1AuthMethod.XAUTH_INIT_PSK ? V1AuthMethod.XAUTH_INIT_RSA : x);
    }

    /** The signature method behind an XAuth authentication method (XAUTH_INIT/RESP_RSA sign as RSA_SIGNATURES). */
    static V1AuthMethod base(V1AuthMethod m) {
        return m == V1AuthMethod.XAUTH_INIT_RSA || m == V1AuthMethod.XAUTH_RESP_RSA ? V1AuthMethod.RSA_SIGNATURES : m;
    }

    /**
     * PSK, or with an XAuth round on either side XAUTH_INIT_PSK (draft-beaulieu-ike-xauth 5: the XAuth client is the
     * Phase 1 initiator, the remote access case; strongSwan computes the same value on both sides).
     */
    static V1AuthMethod pskMethod(ConnectionConfig c) {
        return XAuth.isServer(c) || XAuth.clientRound(c).isPresent() ? V1AuthMethod.XAUTH_INIT_PSK : V1AuthMethod.PRE_SHARED_KEY;
    }

    static Optional<V1AuthMethod> method(KeyKind kind) {
        return Optional.ofNullable(switch (kind) {
            case RSA -> V1AuthMethod.RSA_SIGNATURES;
            case ECDSA_P256 -> V1AuthMethod.ECDSA_SHA256_P256;
            case ECDSA_P384 -> V1AuthMethod.ECDSA_SHA384_P384;
            case ECDSA_P521 -> V1AuthMethod.ECDSA_SHA512_P521;
            default -> null;
        });
    }

    /**
     * The prf for HASH_I/HASH_R: the negotiated one, except for ECDSA, where HMAC with the method's hash (SHA-256,
     * -384, -512 for P-256, P-384, P-521; RFC 4754 4) is keyed with SKEYID, as strongSwan does.
     */
    static V1Prf hashPrf(IsakmpSa sa) {
        V1HashAlgorithm h = switch (sa.suite.auth()) {
            case ECDSA_SHA256_P256 -> V1HashAlgorithm.SHA2_256;
            case ECDSA_SHA384_P384 -> V1HashAlgorithm.SHA2_384;
            case ECDSA_SHA512_P521 -> V1HashAlgorithm.SHA2_512;
            default -> null;
        };
        return h == null ? sa.prf : V1Prf.of(h).orElse(sa.prf);
    }

    static boolean isSignature(IsakmpSa sa) {
        return sa.suite != null && sa.suite.auth() != V1AuthMethod.PRE_SHARED_KEY && sa.suite.auth() != V1AuthMethod.XAUTH_INIT_PSK
                && sa.suite.auth() != V1AuthMethod.XAUTH_RESP_PSK;
    }

    /** Our end-entity certificate with its issuers, for the first configured certificate whose private key we hold. */
    private static Optional<List<X509Certificate>> ourChain(Credentials cred, AuthConfig local) {
        for (X509Certificate c : local.certs()) {
            if (cred.keyFor(c.getPublicKey()).isPresent()) return Optional.of(CertUnit.chain(c, cred.caCerts()));
        }
        return Optional.empty();
    }

    /** CERTREQ payloads (RFC 2408 3.10): one per CA we accept for the peer, naming it by its DER subject (RFC 4945 3.2). */
    static List<V1Payload> certReqs(Credentials cred, ConnectionConfig c) {
        if (!c.local().sendCertreq() || c.remote().method() != AuthClass.PUBKEY) return List.of();
        List<X509Certificate> cas = c.remote().cacerts().isEmpty() ? cred.caCerts() : c.remote().cacerts();
        List<V1Payload> out = new ArrayList<>();
        for (X509Certificate ca : cas) {
            out.add(new V1Payload.CertificateRequest(V1CertEncoding.X509_SIGNATURE.value(),
                    Octets.of(ca.getSubjectX500Principal().getEncoded())));
        }
        if (out.isEmpty()) out.add(new V1Payload.CertificateRequest(V1CertEncoding.X509_SIGNATURE.value(), Octets.EMPTY));
        return out;
    }

    /** Notes whether the peer asked for certificates. */
    static void recordCertReqs(IsakmpSa sa, List<V1Payload> ps) {
        if (ps.stream().anyMatch(p -> p instanceof V1Payload.CertificateRequest r
                && r.certType() == V1CertEncoding.X509_SIGNATURE.value())) {
            sa.certReqReceived = true;
        }
    }

    /** Proof of our identity: CERT payloads as {@code send_cert} says, then SIG over {@code hash}; or why it failed. */
    sealed interface Made {
        record Payloads(List<V1Payload> payloads) implements Made {}

        record Failed(String reason) implements Made {}
    }

    static Made sign(Credentials cred, IsakmpSa sa, byte[] hash) {
        if (cred.signer().isEmpty()) return new Made.Failed("no private keys configured");
        Optional<List<X509Certificate>> chain = ourChain(cred, sa.connection.local());
        if (chain.isEmpty()) return new Made.Failed("no certificate with a private key for " + sa.localId);
        PublicKey pub = chain.get().getFirst().getPublicKey();
        if (KeyKind.of(pub).flatMap(V1SigAuth::method).filter(m -> m == base(sa.suite.auth())).isEmpty()) {
            return new Made.Failed("our key does not fit the negotiated authentication method " + sa.suite.auth());
        }
        KeyRef key = cred.keyFor(pub).orElseThrow();
        List<V1Payload> out = new ArrayList<>();
        var send = io.ike4j.core.auth.cert.CertificateRequests.toSend(sa.connection.local().sendCert(), sa.certReqReceived,
                chain.get(), List.of());
        for (X509Certificate c : send) {
            try {
                out.add(new V1Payload.Certificate(V1CertEncoding.X509_SIGNATURE.value(), Octets.of(c.getEncoded())));
            } catch (CertificateEncodingException e) {
                return new Made.Failed("certificate cannot be encoded");
            }
        }
        return switch (cred.signer().get().signHash(key, hash)) {
            case SignResult.Signed s -> {
                out.add(new V1Payload.Signature(Octets.of(s.signature())));
                yield new Made.Payloads(out);
            }
            case SignResult.Failed f -> new Made.Failed("signing failed: " + f.detail());
        };
    }

    /** Empty if the peer proved {@code peerId} with a valid certificate and SIG over {@code hash}; else why not. */
    static Optional<String> verify(Credentials cred, java.time.InstantSource clock, IsakmpSa sa, Identity peerId,
                                   List<V1Payload> ps, byte[] hash) {
        AuthConfig remote = sa.connection.remote();
        if (remote.method() != AuthClass.PUBKEY) return Optional.of("remote auth " + remote.method() + " but peer signed");
        if (remote.matchRemote(peerId) == Identity.MATCH_NONE) return Optional.of("identity " + peerId + " not acceptable");
        Optional<V1Payload.Signature> sig = ps.stream().filter(V1Payload.Signature.class::isInstance)
                .map(V1Payload.Signature.class::cast).findFirst();
        if (sig.isEmpty()) return Optional.of("no SIG payload");
        List<X509Certificate> certs = new ArrayList<>();
        for (V1Payload p : ps) {
            if (!(p instanceof V1Payload.Certificate c) || c.encoding() != V1CertEncoding.X509_SIGNATURE.value()) continue;
            try {
                certs.add(Certificates.parse(c.data().bytes()));
            } catch (CertificateException e) {
                // an unusable certificate is ignored; the signature check decides
            }
        }
        if (certs.isEmpty() && !remote.certs().isEmpty()) certs.add(remote.certs().getFirst());
        if (certs.isEmpty()) return Optional.of("peer " + peerId + " sent no certificate and none is configured");
        X509Certificate ee = certs.getFirst();
        if (!remote.certs().isEmpty() && !remote.certs().contains(ee)) {
            return Optional.of("certificate \"" + ee.getSubjectX500Principal().getName() + "\" is not the configured peer certificate");
        }
        if (!remote.certs().contains(ee)) {
            List<X509Certificate> anchors = remote.cacerts().isEmpty() ? cred.caCerts() : remote.cacerts();
            List<X509Certificate> intermediates = new ArrayList<>(certs.subList(1, certs.size()));
            intermediates.addAll(cred.caCerts());
            ValidationResult v = new CertificateValidator(anchors, cred.crls(), clock).validate(ee, intermediates);
            if (v instanceof ValidationResult.Refused r) {
                return Optional.of("certificate \"" + ee.getSubjectX500Principal().getName() + "\" refused: "
                        + r.reason().name().toLowerCase().replace('_', ' ') + " (" + r.detail() + ")");
            }
        }
        var mismatch = IdentityMatcher.check(AuthIdentities.toIke(peerId), ee);
        if (mismatch.isPresent()) return Optional.of("identity mismatch: " + mismatch.get().detail());
        Optional<String> bad = verifySignature(ee.getPublicKey(), sa.suite.auth(), hash, sig.get().data().bytes());
        if (bad.isPresent()) return bad;
        sa.peerCert = ee;
        return Optional.empty();
    }

    /** Checks an IKEv1 signature: the key must fit the method, lengths are checked before the JCA sees them. */
    static Optional<String> verifySignature(PublicKey key, V1AuthMethod negotiated, byte[] hash, byte[] signature) {
        V1AuthMethod method = base(negotiated);
        Optional<KeyKind> kind = KeyKind.of(key);
        if (kind.isEmpty() || kind.flatMap(V1SigAuth::method).filter(m -> m == method).isEmpty()) {
            return Optional.of("peer key " + kind.map(Enum::name).orElse(key.getAlgorithm()) + " does not fit " + method);
        }
        String alg;
        if (kind.get() == KeyKind.RSA) {
            int bits = KeyKind.bits(key);
            if (bits < SignatureVerifier.DEFAULT_MIN_RSA_BITS) return Optional.of("RSA key of " + bits + " bits is too weak");
            if (signature.length != (bits + 7) / 8) return Optional.of("RSA signature of " + signature.length + " bytes");
            alg = "NONEwithRSA";
        } else {
            if (signature.length != 2 * kind.get().fieldBytes()) return Optional.of("ECDSA signature of " + signature.length + " bytes");
            alg = "NONEwithECDSAinP1363Format";
        }
        try {
            Signature v = Signature.getInstance(alg);
            v.initVerify(key);
            v.update(hash);
            return v.verify(signature) ? Optional.empty() : Optional.of(method + " signature does not verify");
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.of(method + " signature rejected: " + e.getClass().getSimpleName());
        }
    }
}
