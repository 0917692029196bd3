package io.ike4j.core.auth.keys;

/** Outcome of a signing request. */
public sealed interface SignResult {
    /** The signature value (for PSS: with the salt length used). */
    record Signed(byte[] signature, int saltLength) implements SignResult {
        public Signed {
            signature = signature.clone();
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }

        @Override
        public String toString() {
            return "Signed[" + signature.length + " bytes]";
        }
    }

    record Failed(Reason reason, String detail) implements SignResult {}

    enum Reason { UNKNOWN_KEY, SCHEME_MISMATCH, PROVIDER_ERROR }
}
