package io.ike4j.platform.radius;

/** Why a received RADIUS datagram was silently dropped (RFC 2865 3: invalid packets are discarded). */
public record RadiusDrop(Kind kind, String detail) {
    public enum Kind {
        TOO_SHORT,
        BAD_LENGTH,
        BAD_ATTRIBUTE,
        UNKNOWN_CODE,
        UNEXPECTED_SOURCE,
        UNKNOWN_IDENTIFIER,
        BAD_RESPONSE_AUTHENTICATOR,
        MISSING_MESSAGE_AUTHENTICATOR,
        BAD_MESSAGE_AUTHENTICATOR,
        BAD_EAP_MESSAGE,
        BAD_MPPE_KEY
    }
}
