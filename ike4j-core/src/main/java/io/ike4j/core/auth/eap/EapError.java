package io.ike4j.core.auth.eap;

/** Why EAP bytes were not accepted. {@code detail} never contains input bytes or secrets. */
public record EapError(Kind kind, String detail) {
    public enum Kind {
        /** Fewer than 4 octets: not even a header (RFC 3748 4). */
        TOO_SHORT,
        /** Length field smaller than the header or larger than the octets received (RFC 3748 4). */
        BAD_LENGTH,
        /** Code is not 1..4 (RFC 3748 4: silently discarded). */
        UNKNOWN_CODE,
        /** Request/Response without a Type octet, or Type 0. */
        MISSING_TYPE,
        /** Type-Data does not follow its method's format. */
        MALFORMED_TYPE_DATA
    }

    static EapError of(Kind kind, String detail) {
        return new EapError(kind, detail);
    }
}
