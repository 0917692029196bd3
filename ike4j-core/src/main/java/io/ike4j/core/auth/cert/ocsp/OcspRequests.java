package io.ike4j.core.auth.cert.ocsp;

import io.ike4j.core.auth.der.Der;
import io.ike4j.core.auth.der.DerException;
import java.security.cert.X509Certificate;

/** RFC 6960 4.1.1 OCSPRequest for one certificate: unsigned, no nonce (freshness comes from thisUpdate/nextUpdate). */
public final class OcspRequests {
    private OcspRequests() {}

    /** OCSPRequest { tbsRequest { requestList { Request { reqCert } } } }, DER; empty if the issuer's key is malformed. */
    public static java.util.Optional<byte[]> build(X509Certificate cert, X509Certificate issuer) {
        try {
            return java.util.Optional.of(Der.sequence(Der.sequence(Der.sequence(Der.sequence(CertId.of(cert, issuer).encode())))));
        } catch (DerException e) {
            return java.util.Optional.empty();
        }
    }
}
