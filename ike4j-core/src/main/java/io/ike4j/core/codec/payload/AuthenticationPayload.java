package io.ike4j.core.codec.payload;

import io.ike4j.core.codec.PayloadType;
import java.util.Arrays;
import java.util.Optional;

/** AUTH payload (RFC 7296 3.8): method and authentication data (toString shows the length only). */
public record AuthenticationPayload(int method, byte[] data, boolean critical) implements Payload {
    public AuthenticationPayload {
        data = data.clone();
    }

    public AuthenticationPayload(int method, byte[] data) {
        this(method, data, false);
    }

    public Optional<AuthMethod> authMethod() {
        return AuthMethod.of(method);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public int payloadType() {
        return PayloadType.AUTH.value();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthenticationPayload p && p.method == method && p.critical == critical && Arrays.equals(p.data, data);
    }

    @Override
    public int hashCode() {
        return (method * 31 + Arrays.hashCode(data)) * 2 + (critical ? 1 : 0);
    }

    @Override
    public String toString() {
        return "AUTH[method=" + method + ", " + data.length + " bytes" + "]";
    }
}
