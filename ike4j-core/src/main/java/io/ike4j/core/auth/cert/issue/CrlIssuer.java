package io.ike4j.core.auth.cert.issue;

import io.ike4j.core.auth.der.Der;
import io.ike4j.core.auth.der.Oids;
import io.ike4j.core.auth.keys.KeyRef;
import io.ike4j.core.auth.keys.Signer;
import io.ike4j.core.auth.signature.SignatureScheme;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/** Builds v2 CRLs (RFC 5280 5.1) signed by a CA, with reason codes, CRL number and authority key identifier. */
public final class CrlIssuer {
    /** One revoked certificate. */
    public record Revoked(BigInteger serial, Instant date, CrlReason reason) {}

    private CrlIssuer() {}

    public static byte[] issue(X509Certificate ca, Signer signer, KeyRef caKey, SignatureScheme scheme, Instant thisUpdate,
            Instant nextUpdate, BigInteger crlNumber, List<Revoked> revoked) throws IssueException {
        byte[] algId = Issuing.algorithmIdentifier(scheme);
        byte[][] entries = revoked.stream().map(r -> Der.sequence(
                Der.integer(r.serial()),
                Der.time(r.date()),
                Der.sequence(Issuing.extension(Oids.CRL_REASON, false, Der.tlv(Der.ENUMERATED, new byte[] {(byte) r.reason().value()})))))
                .toArray(byte[][]::new);
        byte[] extensions = Der.explicit(0, Der.sequence(
                Issuing.extension(Oids.AUTHORITY_KEY_ID, false, Issuing.authorityKeyId(Issuing.keyIdentifier(ca.getPublicKey()))),
                Issuing.extension(Oids.CRL_NUMBER, false, Der.integer(crlNumber))));
        byte[] tbs = entries.length == 0
                ? Der.sequence(Der.integer(1), algId, ca.getSubjectX500Principal().getEncoded(), Der.time(thisUpdate),
                        Der.time(nextUpdate), extensions)
                : Der.sequence(Der.integer(1), algId, ca.getSubjectX500Principal().getEncoded(), Der.time(thisUpdate),
                        Der.time(nextUpdate), Der.sequence(entries), extensions);
        return Issuing.signed(tbs, algId, signer, caKey, scheme);
    }
}
