package io.ike4j.core.codec.v1;

import io.ike4j.core.proposal.IanaValue;
import java.util.Optional;

/** ISAKMP notify message types: errors (RFC 2408 3.14.1), IPsec DOI status (RFC 2407 4.6.3), DPD (RFC 3706). */
public enum V1NotifyType implements IanaValue {
    INVALID_PAYLOAD_TYPE(1),
    DOI_NOT_SUPPORTED(2),
    SITUATION_NOT_SUPPORTED(3),
    INVALID_COOKIE(4),
    INVALID_MAJOR_VERSION(5),
    INVALID_MINOR_VERSION(6),
    INVALID_EXCHANGE_TYPE(7),
    INVALID_FLAGS(8),
    INVALID_MESSAGE_ID(9),
    INVALID_PROTOCOL_ID(10),
    INVALID_SPI(11),
    INVALID_TRANSFORM_ID(12),
    ATTRIBUTES_NOT_SUPPORTED(13),
    NO_PROPOSAL_CHOSEN(14),
    BAD_PROPOSAL_SYNTAX(15),
    PAYLOAD_MALFORMED(16),
    INVALID_KEY_INFORMATION(17),
    INVALID_ID_INFORMATION(18),
    INVALID_CERT_ENCODING(19),
    INVALID_CERTIFICATE(20),
    CERT_TYPE_UNSUPPORTED(21),
    INVALID_CERT_AUTHORITY(22),
    INVALID_HASH_INFORMATION(23),
    AUTHENTICATION_FAILED(24),
    INVALID_SIGNATURE(25),
    ADDRESS_NOTIFICATION(26),
    NOTIFY_SA_LIFETIME(27),
    CERTIFICATE_UNAVAILABLE(28),
    UNSUPPORTED_EXCHANGE_TYPE(29),
    UNEQUAL_PAYLOAD_LENGTHS(30),
    CONNECTED(16384),
    RESPONDER_LIFETIME(24576),
    REPLAY_STATUS(24577),
    INITIAL_CONTACT(24578),
    R_U_THERE(36136),
    R_U_THERE_ACK(36137);

    private final int value;

    V1NotifyType(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    public static Optional<V1NotifyType> of(int value) {
        for (V1NotifyType t : values()) {
            if (t.value == value) return Optional.of(t);
        }
        return Optional.empty();
    }

    /** RFC 2408 3.14.1: types below 8192 are errors; 16384.. are status. */
    public boolean isError() {
        return value < 8192;
    }
}
