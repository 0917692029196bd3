package io.ike4j.core.auth.signature;

/** Outcome of checking a signature. */
public sealed interface VerifyResult {
    record Valid(SignatureScheme scheme) implements VerifyResult {}

    /** {@code detail} is log-ready. */
    record Invalid(AuthFailure reason, String detail) implements VerifyResult {}

    default boolean isValid() {
        return this instanceof Valid;
    }
}
