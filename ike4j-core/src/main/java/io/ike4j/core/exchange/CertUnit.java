package io.ike4j.core.exchange;

import io.ike4j.core.auth.cert.CertificateRequests;
import io.ike4j.core.auth.cert.Certificates;
import io.ike4j.core.auth.signature.SignatureHashAlgorithms;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.CertEncoding;
import io.ike4j.core.codec.payload.CertificatePayload;
import io.ike4j.core.codec.payload.CertificateRequestPayload;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.config.AuthClass;
import io.ike4j.core.config.AuthConfig;
import io.ike4j.core.config.Credentials;
import io.ike4j.core.sa.IkeSa;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CERTREQ and CERT payloads (RFC 7296 3.6, 3.7) with encoding X.509 Certificate - Signature (4), and what the peer
 * announced in IKE_SA_INIT (SIGNATURE_HASH_ALGORITHMS, RFC 7427 4).
 */
public final class CertUnit {
    private CertUnit() {}

    /**
     * Records the peer's SIGNATURE_HASH_ALGORITHMS, MULTIPLE_AUTH_SUPPORTED and CERTREQs (IKE_SA_INIT or the first
     * IKE_AUTH request).
     */
    public static void record(IkeSa sa, IkeMessage m) {
        for (NotifyPayload n : m.all(NotifyPayload.class)) {
            if (n.notifyType() == NotifyType.SIGNATURE_HASH_ALGORITHMS.value()
                    && SignatureHashAlgorithms.decode(n.data()) instanceof SignatureHashAlgorithms.Decoded.Supported sup) {
                sa.auth.peerHashes = Optional.of(sup.algorithms());
            }
            if (n.notifyType() == NotifyType.MULTIPLE_AUTH_SUPPORTED.value()) sa.auth.peerMultiAuth = true; // RFC 4739 3
        }
        for (CertificateRequestPayload r : m.all(CertificateRequestPayload.class)) {
            if (r.encoding() != CertEncoding.X509_SIGNATURE.value()) continue;
            sa.auth.certReqReceived = true;
            if (CertificateRequests.decode(r.data()) instanceof CertificateRequests.Decoded.Hashes h) {
                sa.auth.peerCertReqs.addAll(h.hashes());
            }
        }
    }

    /**
     * Our CERTREQ (RFC 7296 3.7) when the peer is to authenticate with certificates: the configured {@code cacerts}
     * of the remote round, or every CA certificate we hold (strongSwan sends all trusted CAs).
     */
    public static List<Payload> certReqs(Credentials cred, io.ike4j.core.config.ConnectionConfig c) {
        // RFC 4739: the first round with certificates decides, whichever round it is
        AuthConfig remote = c.remoteRounds().stream().filter(r -> r.method() == AuthClass.PUBKEY).findFirst().orElse(c.remote());
        return certReqs(cred, c.local(), remote);
    }

    public static List<Payload> certReqs(Credentials cred, AuthConfig local, AuthConfig remote) {
        if (!local.sendCertreq() || remote.method() != AuthClass.PUBKEY) return List.of();
        List<X509Certificate> cas = remote.cacerts().isEmpty() ? cred.caCerts() : remote.cacerts();
        if (cas.isEmpty()) return List.of();
        return List.of(new CertificateRequestPayload(CertEncoding.X509_SIGNATURE.value(), CertificateRequests.encode(cas)));
    }

    /** The peer's certificates from its CERT payloads, end entity first; unparsable ones are skipped. */
    public static List<X509Certificate> peerCerts(IkeMessage m) {
        List<X509Certificate> out = new ArrayList<>();
        for (CertificatePayload p : m.all(CertificatePayload.class)) {
            if (p.encoding() != CertEncoding.X509_SIGNATURE.value()) continue;
            try {
                out.add(Certificates.parse(p.data()));
            } catch (CertificateException e) {
                // RFC 7296 3.6: an unusable certificate is ignored; the AUTH check decides
            }
        }
        return out;
    }

    /** {@code ee} followed by its issuers among {@code cas} (nearest first), up to a self-signed one. */
    public static List<X509Certificate> chain(X509Certificate ee, List<X509Certificate> cas) {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(ee);
        X509Certificate cur = ee;
        while (chain.size() < 9 && !cur.getSubjectX500Principal().equals(cur.getIssuerX500Principal())) {
            X509Certificate issuer = null;
            for (X509Certificate c : cas) {
                if (chain.contains(c) || !c.getSubjectX500Principal().equals(cur.getIssuerX500Principal())) continue;
                try {
                    cur.verify(c.getPublicKey());
                    issuer = c;
                    break;
                } catch (GeneralSecurityException | RuntimeException e) {
                    // another CA with the same name
                }
            }
            if (issuer == null) break;
            chain.add(issuer);
            cur = issuer;
        }
        return chain;
    }

    /** CERT payloads for {@code chain} as {@code send_cert} and the peer's CERTREQ decide (RFC 7296 3.6). */
    public static List<Payload> certs(IkeSa sa, AuthConfig local, List<X509Certificate> chain) {
        List<Payload> out = new ArrayList<>();
        for (X509Certificate c : CertificateRequests.toSend(local.sendCert(), sa.auth.certReqReceived, chain, sa.auth.peerCertReqs)) {
            try {
                out.add(new CertificatePayload(CertEncoding.X509_SIGNATURE.value(), c.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("a parsed certificate cannot be re-encoded", e);
            }
        }
        return out;
    }
}
