package io.ike4j.core.codec.v1;

import io.ike4j.core.proposal.IanaValue;
import java.util.Optional;

/** Certificate encodings of CERT/CERTREQ (RFC 2408 3.9). */
public enum V1CertEncoding implements IanaValue {
    NONE(0),
    PKCS7(1),
    PGP(2),
    DNS_SIGNED_KEY(3),
    X509_SIGNATURE(4),
    X509_KEY_EXCHANGE(5),
    KERBEROS_TOKENS(6),
    CRL(7),
    ARL(8),
    SPKI(9),
    X509_ATTRIBUTE(10);

    private final int value;

    V1CertEncoding(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    public static Optional<V1CertEncoding> of(int value) {
        for (V1CertEncoding t : values()) {
            if (t.value == value) return Optional.of(t);
        }
        return Optional.empty();
    }
}
