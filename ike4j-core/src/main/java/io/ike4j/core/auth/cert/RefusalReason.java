package io.ike4j.core.auth.cert;

/** Why a peer certificate was not accepted. */
public enum RefusalReason {
    EXPIRED,
    NOT_YET_VALID,
    REVOKED,
    /** The revocation policy requires a current CRL and none could be had (strongSwan {@code revocation = strict/ifuri}). */
    REVOCATION_UNAVAILABLE,
    /** No path to a configured trust anchor, or a signature in the path does not verify. */
    UNTRUSTED_CHAIN,
    /** An issuer in the path is not a CA (basicConstraints) or the path is too long. */
    INVALID_CA,
    /** keyUsage forbids the use (e.g. no digitalSignature on the end entity). */
    KEY_USAGE,
    /** RSA below the minimum size, or an unsupported key. */
    WEAK_KEY,
    /** The IKE identity is not in the certificate. */
    IDENTITY_MISMATCH,
    /** Anything else the PKIX validator refused. */
    INVALID
}
