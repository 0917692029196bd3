package io.ike4j.core.auth.cert;

import io.ike4j.core.auth.der.Der;
import io.ike4j.core.auth.der.DerException;
import io.ike4j.core.auth.der.DerReader;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * CERTREQ handling (RFC 7296 3.7): with encoding X.509 Certificate - Signature (4) the Certification Authority
 * field is a concatenation of SHA-1 hashes of the CAs' SubjectPublicKeyInfo; and the choice of which of our
 * certificates to send in CERT payloads (RFC 7296 3.6, strongSwan's {@code send_cert}).
 */
public final class CertificateRequests {
    public static final int HASH_LENGTH = 20;

    /** When to send our certificates (swanctl {@code send_cert}). */
    public enum SendPolicy { ALWAYS, IF_ASKED, NEVER }

    /** Decoded Certification Authority data. */
    public sealed interface Decoded {
        record Hashes(List<byte[]> hashes) implements Decoded {
            public Hashes {
                hashes = hashes.stream().map(byte[]::clone).toList();
            }
        }

        record Malformed(String reason) implements Decoded {}
    }

    private CertificateRequests() {}

    /** SHA-1 of the CA certificate's SubjectPublicKeyInfo, taken verbatim from the certificate. */
    public static byte[] keyHash(X509Certificate ca) {
        try {
            DerReader tbs = DerReader.single(ca.getTBSCertificate()).reader();
            if (tbs.peekTag() == 0xa0) tbs.read(); // version
            for (int i = 0; i < 5; i++) tbs.read(); // serial, signature, issuer, validity, subject
            byte[] spki = tbs.read(Der.SEQUENCE).encoded();
            return MessageDigest.getInstance("SHA-1").digest(spki);
        } catch (CertificateEncodingException | DerException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("certificate accepted by the JDK has an unparsable TBSCertificate", e);
        }
    }

    /** CERTREQ data announcing {@code cas}. */
    public static byte[] encode(List<X509Certificate> cas) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (X509Certificate ca : cas) out.writeBytes(keyHash(ca));
        return out.toByteArray();
    }

    public static Decoded decode(byte[] data) {
        if (data.length % HASH_LENGTH != 0) {
            return new Decoded.Malformed("CERTREQ data of " + data.length + " bytes is not a multiple of " + HASH_LENGTH);
        }
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < data.length; i += HASH_LENGTH) hashes.add(Arrays.copyOfRange(data, i, i + HASH_LENGTH));
        return new Decoded.Hashes(hashes);
    }

    /** Our CA certificates (e.g. trust anchors) whose key hash the peer requested. */
    public static List<X509Certificate> requested(List<byte[]> hashes, List<X509Certificate> ours) {
        return ours.stream().filter(c -> hashes.stream().anyMatch(h -> MessageDigest.isEqual(h, keyHash(c)))).toList();
    }

    /**
     * Of several end-entity certificates we hold (each with its issuer chain, nearest issuer first), the one whose
     * chain reaches a requested CA; otherwise the first.
     */
    public static Optional<List<X509Certificate>> chooseChain(List<List<X509Certificate>> chains, List<byte[]> hashes) {
        for (List<X509Certificate> chain : chains) {
            if (!requested(hashes, chain.subList(1, chain.size())).isEmpty()) return Optional.of(chain);
        }
        return chains.isEmpty() ? Optional.empty() : Optional.of(chains.getFirst());
    }

    /**
     * The certificates to put in CERT payloads: the end entity, then intermediates up to but excluding the first
     * CA the peer asked for (it has that one), never a self-signed root. {@code chain} starts with the end entity.
     */
    public static List<X509Certificate> toSend(SendPolicy policy, boolean certReqReceived, List<X509Certificate> chain,
            List<byte[]> hashes) {
        if (chain.isEmpty() || policy == SendPolicy.NEVER || (policy == SendPolicy.IF_ASKED && !certReqReceived)) {
            return List.of();
        }
        List<X509Certificate> out = new ArrayList<>();
        out.add(chain.getFirst());
        for (X509Certificate ca : chain.subList(1, chain.size())) {
            if (!requested(hashes, List.of(ca)).isEmpty()) break;
            if (ca.getSubjectX500Principal().equals(ca.getIssuerX500Principal())) break;
            out.add(ca);
        }
        return out;
    }
}
