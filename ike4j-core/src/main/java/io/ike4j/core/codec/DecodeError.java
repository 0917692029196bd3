package io.ike4j.core.codec;

import java.util.Optional;

/**
 * Why a datagram was not accepted. {@code offset} is the absolute byte offset in the datagram (or in the decrypted
 * inner payload chain for errors found there); {@code payloadType} names the payload concerned when known.
 * {@code detail} never contains input bytes.
 */
public record DecodeError(Kind kind, int offset, String detail, Optional<Integer> payloadType) {

    public enum Kind {
        /** Malformed payload or message structure (RFC 7296 3.10.1 INVALID_SYNTAX). */
        INVALID_SYNTAX,
        /** An unrecognised payload had its critical bit set (RFC 7296 2.5, 3.2). */
        UNSUPPORTED_CRITICAL_PAYLOAD,
        /** Major version is not 2 (RFC 7296 2.5). */
        INVALID_MAJOR_VERSION,
        /** SK/SKF failed integrity verification: silently dropped (RFC 7296 2.21.2). */
        INTEGRITY_CHECK_FAILED,
        /** Unauthenticated garbage (bad header, length mismatch): silently dropped (RFC 7296 2.21). */
        DROP
    }

    public DecodeError {
        payloadType = payloadType == null ? Optional.empty() : payloadType;
    }

    static DecodeError syntax(int offset, String detail) {
        return new DecodeError(Kind.INVALID_SYNTAX, offset, detail, Optional.empty());
    }

    static DecodeError drop(int offset, String detail) {
        return new DecodeError(Kind.DROP, offset, detail, Optional.empty());
    }

    /**
     * The protocol's answer: the Notify type to send back, or empty for a silent drop. For
     * UNSUPPORTED_CRITICAL_PAYLOAD the notification data is the one-byte payload type ({@link #payloadType()}).
     * Whether an answer may actually be sent (e.g. only for authenticated or IKE_SA_INIT messages, RFC 7296 2.21)
     * is the engine's decision.
     */
    public Optional<NotifyType> answer() {
        return switch (kind) {
            case INVALID_SYNTAX -> Optional.of(NotifyType.INVALID_SYNTAX);
            case UNSUPPORTED_CRITICAL_PAYLOAD -> Optional.of(NotifyType.UNSUPPORTED_CRITICAL_PAYLOAD);
            case INVALID_MAJOR_VERSION -> Optional.of(NotifyType.INVALID_MAJOR_VERSION);
            case INTEGRITY_CHECK_FAILED, DROP -> Optional.empty();
        };
    }
}
