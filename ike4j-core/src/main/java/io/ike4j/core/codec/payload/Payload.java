package io.ike4j.core.codec.payload;

import io.ike4j.core.codec.PayloadType;
import java.util.Optional;

/**
 * One IKEv2 payload (RFC 7296 3.2). {@link #payloadType()} is the raw number from the preceding Next Payload
 * field; {@link #critical()} the C bit as received (RFC 7296 3.2: ignored for understood payloads, but kept so
 * decode→encode is byte-exact). The generic header's RESERVED bits are ignored on receipt and sent as zero.
 */
public sealed interface Payload permits SecurityAssociationPayload, KeyExchangePayload, IdentificationPayload,
        CertificatePayload, CertificateRequestPayload, AuthenticationPayload, NoncePayload, NotifyPayload,
        DeletePayload, VendorIdPayload, TrafficSelectorPayload, EncryptedPayload, ConfigurationPayload, EapPayload,
        EncryptedFragmentPayload, UnknownPayload {

    int payloadType();

    boolean critical();

    default Optional<PayloadType> knownType() {
        return PayloadType.of(payloadType());
    }
}
