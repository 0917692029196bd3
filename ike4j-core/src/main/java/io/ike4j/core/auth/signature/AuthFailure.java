package io.ike4j.core.auth.signature;

/** Why signature AUTH data was refused; each maps to AUTHENTICATION_FAILED on the wire (RFC 7296 2.21.2). */
public enum AuthFailure {
    /** The auth method is not a signature method we implement. */
    UNSUPPORTED_METHOD,
    /** Structure broken: truncated, bad length byte, bad DER, trailing data. */
    MALFORMED,
    /** RFC 7427 AlgorithmIdentifier with an unknown or unsupported OID. */
    UNKNOWN_ALGORITHM,
    /** AlgorithmIdentifier parameters not as required (e.g. PSS hash/MGF1 mismatch, odd salt length). */
    BAD_PARAMETERS,
    /** The scheme does not fit the peer's public key (algorithm or curve). */
    KEY_MISMATCH,
    /** The signature length is impossible for the key. */
    BAD_SIGNATURE_LENGTH,
    /** The hash was not among those we announced in SIGNATURE_HASH_ALGORITHMS. */
    HASH_NOT_ANNOUNCED,
    /** The key is too weak (e.g. RSA below 2048 bits). */
    WEAK_KEY,
    /** The signature does not verify. */
    BAD_SIGNATURE
}
