package io.ike4j.core.codec.payload;

import io.ike4j.core.codec.PayloadType;
import java.util.Arrays;

/** Nonce payload (RFC 7296 3.9; 16..256 bytes, checked on decode). toString shows the length only. */
public record NoncePayload(byte[] nonce, boolean critical) implements Payload {
    public NoncePayload {
        nonce = nonce.clone();
    }

    public NoncePayload(byte[] nonce) {
        this(nonce, false);
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public int payloadType() {
        return PayloadType.NONCE.value();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoncePayload p && p.critical == critical && Arrays.equals(p.nonce, nonce);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(nonce) * 2 + (critical ? 1 : 0);
    }

    @Override
    public String toString() {
        return "Nonce[" + nonce.length + " bytes" + "]";
    }
}
