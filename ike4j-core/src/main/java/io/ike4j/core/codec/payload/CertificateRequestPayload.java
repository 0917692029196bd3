package io.ike4j.core.codec.payload;

import io.ike4j.core.codec.PayloadType;
import java.util.Arrays;
import java.util.Optional;

/** CERTREQ payload (RFC 7296 3.7): encoding and certification authority data (e.g. SHA-1 key hashes). */
public record CertificateRequestPayload(int encoding, byte[] data, boolean critical) implements Payload {
    public CertificateRequestPayload {
        data = data.clone();
    }

    public CertificateRequestPayload(int encoding, byte[] data) {
        this(encoding, data, false);
    }

    public Optional<CertEncoding> certEncoding() {
        return CertEncoding.of(encoding);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public int payloadType() {
        return PayloadType.CERTREQ.value();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateRequestPayload p && p.encoding == encoding && p.critical == critical && Arrays.equals(p.data, data);
    }

    @Override
    public int hashCode() {
        return (encoding * 31 + Arrays.hashCode(data)) * 2 + (critical ? 1 : 0);
    }

    @Override
    public String toString() {
        return "CERTREQ[encoding=" + encoding + ", " + data.length + " bytes" + "]";
    }
}
