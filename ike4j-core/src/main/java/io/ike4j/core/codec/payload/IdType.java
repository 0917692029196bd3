package io.ike4j.core.codec.payload;

import io.ike4j.core.proposal.IanaValue;
import java.util.Optional;

/** IKEv2 Identification Payload ID Types (IANA; RFC 7296 3.5, RFC 4595, RFC 7619). */
public enum IdType implements IanaValue {
    ID_IPV4_ADDR(1),
    ID_FQDN(2),
    ID_RFC822_ADDR(3),
    ID_IPV6_ADDR(5),
    ID_DER_ASN1_DN(9),
    ID_DER_ASN1_GN(10),
    ID_KEY_ID(11),
    ID_FC_NAME(12),
    ID_NULL(13);

    private final int value;

    IdType(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    public static Optional<IdType> of(int value) {
        for (IdType e : values()) {
            if (e.value == value) return Optional.of(e);
        }
        return Optional.empty();
    }
}
