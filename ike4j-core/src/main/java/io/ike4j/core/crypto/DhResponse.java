package io.ike4j.core.crypto;

import io.ike4j.core.proposal.KeyExchangeMethod;
import java.util.Arrays;

/** {@link KeyExchangeResponse} for Diffie-Hellman: our public value and the finished agreement. */
final class DhResponse implements KeyExchangeResponse {

    private final KeyExchangeMethod method;
    private final byte[] publicValue;
    private final byte[] sharedSecret;

    DhResponse(KeyExchangeMethod method, byte[] publicValue, byte[] sharedSecret) {
        this.method = method;
        this.publicValue = publicValue;
        this.sharedSecret = sharedSecret;
    }

    @Override
    public KeyExchangeMethod method() {
        return method;
    }

    @Override
    public byte[] publicValue() {
        return publicValue.clone();
    }

    @Override
    public byte[] sharedSecret() {
        return sharedSecret.clone();
    }

    @Override
    public void destroy() {
        Arrays.fill(sharedSecret, (byte) 0);
    }

    @Override
    public String toString() {
        return "KeyExchangeResponse[" + method + "]";
    }
}
