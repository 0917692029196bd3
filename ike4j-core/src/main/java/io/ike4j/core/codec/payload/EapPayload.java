package io.ike4j.core.codec.payload;

import io.ike4j.core.codec.PayloadType;
import java.util.Arrays;

/** EAP payload (RFC 7296 3.16): one raw EAP message (RFC 3748 4) whose own Length field equals its size (checked on decode). */
public record EapPayload(byte[] message, boolean critical) implements Payload {
    public EapPayload {
        message = message.clone();
    }

    public EapPayload(byte[] message) {
        this(message, false);
    }

    @Override
    public byte[] message() {
        return message.clone();
    }

    @Override
    public int payloadType() {
        return PayloadType.EAP.value();
    }

    /** EAP Code (1 Request, 2 Response, 3 Success, 4 Failure), or -1 if the message is too short. */
    public int code() {
        return message.length > 0 ? message[0] & 0xff : -1;
    }

    public int identifier() {
        return message.length > 1 ? message[1] & 0xff : -1;
    }

    /** EAP Type (Request/Response only), or -1. */
    public int eapType() {
        return message.length > 4 && (code() == 1 || code() == 2) ? message[4] & 0xff : -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EapPayload p && p.critical == critical && Arrays.equals(p.message, message);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(message) * 2 + (critical ? 1 : 0);
    }

    @Override
    public String toString() {
        return "EAP[" + message.length + " bytes" + "]";
    }
}
