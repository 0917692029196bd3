package io.ike4j.core.codec.payload;

import io.ike4j.core.codec.PayloadType;
import java.util.Arrays;
import java.util.Optional;

/** CERT payload (RFC 7296 3.6): encoding and certificate data. */
public record CertificatePayload(int encoding, byte[] data, boolean critical) implements Payload {
    public CertificatePayload {
        data = data.clone();
    }

    public CertificatePayload(int encoding, byte[] data) {
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
        return PayloadType.CERT.value();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificatePayload p && p.encoding == encoding && p.critical == critical && Arrays.equals(p.data, data);
    }

    @Override
    public int hashCode() {
        return (encoding * 31 + Arrays.hashCode(data)) * 2 + (critical ? 1 : 0);
    }

    @Override
    public String toString() {
        return "CERT[encoding=" + encoding + ", " + data.length + " bytes" + "]";
    }
}
