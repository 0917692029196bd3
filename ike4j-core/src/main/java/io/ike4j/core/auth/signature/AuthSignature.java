package io.ike4j.core.auth.signature;

import io.ike4j.core.codec.payload.AuthMethod;
import java.util.Arrays;

/**
 * Decoded signature AUTH data: the method, the scheme it names, the RSASSA-PSS salt length (0 for other schemes)
 * and the signature value.
 */
public record AuthSignature(AuthMethod method, SignatureScheme scheme, int saltLength, byte[] signature) {
    public AuthSignature {
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthSignature a && a.method == method && a.scheme == scheme && a.saltLength == saltLength
                && Arrays.equals(a.signature, signature);
    }

    @Override
    public int hashCode() {
        return (method.hashCode() * 31 + scheme.hashCode()) * 31 + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "AuthSignature[" + method + ", " + scheme + ", " + signature.length + " bytes]";
    }
}
