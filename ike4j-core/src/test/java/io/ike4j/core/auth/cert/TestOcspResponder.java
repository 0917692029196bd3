package io.ike4j.core.auth.cert;

import io.ike4j.core.auth.der.Der;
import io.ike4j.core.auth.der.DerReader;
import io.ike4j.core.auth.der.Oids;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * An OCSP responder for tests (RFC 6960 4.2): answers a request's CertID with one SingleResponse, signed with
 * ECDSA-SHA256 by {@code signerKey} under the name of {@code signer}, optionally carrying {@code certs}.
 */
final class TestOcspResponder {
    enum Answer { GOOD, REVOKED, UNKNOWN }

    private static final DateTimeFormatter GENERALIZED = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private final X509Certificate signer;
    private final PrivateKey signerKey;
    private final List<X509Certificate> certs;
    Answer answer = Answer.GOOD;
    Instant thisUpdate = TestPki.NOW.minusSeconds(60);
    Instant nextUpdate = TestPki.NOW.plusSeconds(3600);

    TestOcspResponder(X509Certificate signer, PrivateKey signerKey, List<X509Certificate> certs) {
        this.signer = signer;
        this.signerKey = signerKey;
        this.certs = certs;
    }

    static byte[] time(Instant t) {
        return Der.tlv(Der.GENERALIZED_TIME, GENERALIZED.format(t).getBytes(StandardCharsets.US_ASCII));
    }

    byte[] respond(byte[] request) throws Exception {
        // OCSPRequest { tbsRequest { requestList { Request { reqCert } } } }
        DerReader.Element certId = DerReader.single(request).reader().read().reader().read().reader().read().reader().read();
        byte[] status = switch (answer) {
            case GOOD -> Der.implicitPrimitive(0, new byte[0]);
            case UNKNOWN -> Der.implicitPrimitive(2, new byte[0]);
            case REVOKED -> Der.implicitConstructed(1, time(TestPki.NOW.minusSeconds(86400)),
                    Der.explicit(0, Der.tlv(Der.ENUMERATED, new byte[] {1}))); // keyCompromise
        };
        byte[] single = Der.sequence(certId.encoded(), status, time(thisUpdate), Der.explicit(0, time(nextUpdate)));
        byte[] tbs = Der.sequence(Der.explicit(1, signer.getSubjectX500Principal().getEncoded()), time(TestPki.NOW),
                Der.sequence(single));
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(signerKey);
        s.update(tbs);
        byte[] basic = certs.isEmpty()
                ? Der.sequence(tbs, Der.algorithm(Oids.ECDSA_SHA256, null), Der.bitString(s.sign()))
                : Der.sequence(tbs, Der.algorithm(Oids.ECDSA_SHA256, null), Der.bitString(s.sign()),
                        Der.explicit(0, Der.sequence(certs.stream().map(TestOcspResponder::encoded).toArray(byte[][]::new))));
        return Der.sequence(Der.tlv(Der.ENUMERATED, new byte[] {0}),
                Der.explicit(0, Der.sequence(Der.oid(Oids.OCSP_BASIC), Der.octetString(basic))));
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
