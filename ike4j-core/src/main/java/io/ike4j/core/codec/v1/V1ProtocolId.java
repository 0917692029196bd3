package io.ike4j.core.codec.v1;

import io.ike4j.core.proposal.IanaValue;
import java.util.Optional;

/** Protocol identifiers of the IPsec DOI (RFC 2407 4.4.1; RFC 2408 3.4 PROTO_ISAKMP). */
public enum V1ProtocolId implements IanaValue {
    ISAKMP(1),
    IPSEC_AH(2),
    IPSEC_ESP(3),
    IPCOMP(4);

    private final int value;

    V1ProtocolId(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    public static Optional<V1ProtocolId> of(int value) {
        for (V1ProtocolId t : values()) {
            if (t.value == value) return Optional.of(t);
        }
        return Optional.empty();
    }
}
