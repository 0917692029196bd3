package io.ike4j.core.codec.payload;

import io.ike4j.core.proposal.IanaValue;
import java.util.Optional;

/** IKEv2 Certificate Encodings (IANA; RFC 7296 3.6, RFC 7670). */
public enum CertEncoding implements IanaValue {
    PKCS7_X509(1),
    PGP(2),
    DNS_SIGNED_KEY(3),
    X509_SIGNATURE(4),
    KERBEROS_TOKEN(6),
    CRL(7),
    ARL(8),
    SPKI(9),
    X509_ATTRIBUTE(10),
    RAW_RSA_KEY(11),
    HASH_URL_X509_CERT(12),
    HASH_URL_X509_BUNDLE(13),
    OCSP_CONTENT(14),
    RAW_PUBLIC_KEY(15);

    private final int value;

    CertEncoding(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    public static Optional<CertEncoding> of(int value) {
        for (CertEncoding e : values()) {
            if (e.value == value) return Optional.of(e);
        }
        return Optional.empty();
    }
}
