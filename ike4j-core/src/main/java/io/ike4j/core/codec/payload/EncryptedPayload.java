package io.ike4j.core.codec.payload;

import io.ike4j.core.codec.PayloadType;
import java.util.Arrays;

/**
 * Encrypted payload SK (RFC 7296 3.14), still sealed: {@code firstInnerPayload} is its Next Payload field and
 * {@code body} is IV || ciphertext || ICV. It is always the last payload of a message.
 */
public record EncryptedPayload(int firstInnerPayload, byte[] body, boolean critical) implements Payload {
    public EncryptedPayload {
        body = body.clone();
    }

    public EncryptedPayload(int firstInnerPayload, byte[] body) {
        this(firstInnerPayload, body, false);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Length of the body without copying it. */
    public int bodyLength() {
        return body.length;
    }

    @Override
    public int payloadType() {
        return PayloadType.SK.value();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncryptedPayload p && p.firstInnerPayload == firstInnerPayload && p.critical == critical
                && Arrays.equals(p.body, body);
    }

    @Override
    public int hashCode() {
        return (firstInnerPayload * 31 + Arrays.hashCode(body)) * 2 + (critical ? 1 : 0);
    }

    @Override
    public String toString() {
        return "SK[first=" + firstInnerPayload + ", " + body.length + " bytes]";
    }
}
