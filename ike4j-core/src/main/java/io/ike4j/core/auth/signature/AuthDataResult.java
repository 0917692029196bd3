package io.ike4j.core.auth.signature;

/** Outcome of decoding received signature AUTH data. */
public sealed interface AuthDataResult {
    record Parsed(AuthSignature signature) implements AuthDataResult {}

    /** {@code detail} is log-ready and never contains the received bytes. */
    record Refused(AuthFailure reason, String detail) implements AuthDataResult {}
}
