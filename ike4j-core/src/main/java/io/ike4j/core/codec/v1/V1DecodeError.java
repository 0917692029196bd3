package io.ike4j.core.codec.v1;

import java.util.Optional;

/**
 * Why an ISAKMP datagram or decrypted payload chain was not accepted. {@code offset} is the absolute byte offset in
 * the datagram (or in the plaintext, for a decrypted chain); {@code payloadType} names the payload concerned when
 * known. {@code detail} never contains input bytes.
 */
public record V1DecodeError(Kind kind, int offset, String detail, Optional<Integer> payloadType) {

    /** Each kind is one of RFC 2408 5's checks, answered with the notify of the same name, or a silent drop. */
    public enum Kind {
        INVALID_PAYLOAD_TYPE(V1NotifyType.INVALID_PAYLOAD_TYPE),
        PAYLOAD_MALFORMED(V1NotifyType.PAYLOAD_MALFORMED),
        INVALID_MAJOR_VERSION(V1NotifyType.INVALID_MAJOR_VERSION),
        INVALID_MINOR_VERSION(V1NotifyType.INVALID_MINOR_VERSION),
        INVALID_EXCHANGE_TYPE(V1NotifyType.INVALID_EXCHANGE_TYPE),
        INVALID_FLAGS(V1NotifyType.INVALID_FLAGS),
        DOI_NOT_SUPPORTED(V1NotifyType.DOI_NOT_SUPPORTED),
        SITUATION_NOT_SUPPORTED(V1NotifyType.SITUATION_NOT_SUPPORTED),
        BAD_PROPOSAL_SYNTAX(V1NotifyType.BAD_PROPOSAL_SYNTAX),
        INVALID_PROTOCOL_ID(V1NotifyType.INVALID_PROTOCOL_ID),
        INVALID_ID_INFORMATION(V1NotifyType.INVALID_ID_INFORMATION),
        /** Unauthenticated garbage (too short for a header, length field mismatch): dropped without answer. */
        DROP(null);

        private final V1NotifyType notify;

        Kind(V1NotifyType notify) {
            this.notify = notify;
        }
    }

    public V1DecodeError {
        payloadType = payloadType == null ? Optional.empty() : payloadType;
    }

    static V1DecodeError of(Kind kind, int offset, String detail) {
        return new V1DecodeError(kind, offset, detail, Optional.empty());
    }

    V1DecodeError withPayloadType(int type) {
        return payloadType.isPresent() ? this : new V1DecodeError(kind, offset, detail, Optional.of(type));
    }

    /**
     * The protocol's answer (RFC 2408 5): the notify message type to send, or empty for a silent drop. Whether an
     * answer is actually sent (RFC 2408 5 leaves it to policy; unauthenticated notifies are a DoS vector) is the
     * exchange layer's decision.
     */
    public Optional<V1NotifyType> answer() {
        return Optional.ofNullable(kind.notify);
    }
}
