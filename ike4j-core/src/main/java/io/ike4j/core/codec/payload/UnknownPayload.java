package io.ike4j.core.codec.payload;

import java.util.Arrays;

/**
 * A payload of a type this codec does not understand, kept so the message can be re-encoded and the payload
 * skipped (RFC 7296 3.2). A critical unknown payload never gets here: it rejects the message.
 */
public record UnknownPayload(int type, boolean critical, byte[] body) implements Payload {
    public UnknownPayload {
        if (type < 1 || type > 255) throw new IllegalArgumentException("payload type out of range");
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public int payloadType() {
        return type;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownPayload p && p.type == type && p.critical == critical && Arrays.equals(p.body, body);
    }

    @Override
    public int hashCode() {
        return (type * 31 + Arrays.hashCode(body)) * 2 + (critical ? 1 : 0);
    }

    @Override
    public String toString() {
        return "Unknown[type=" + type + ", critical=" + critical + ", " + body.length + " bytes]";
    }
}
