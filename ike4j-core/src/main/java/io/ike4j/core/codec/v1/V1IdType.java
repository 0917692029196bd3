package io.ike4j.core.codec.v1;

import io.ike4j.core.proposal.IanaValue;
import java.util.Optional;

/** IPsec DOI identification types (RFC 2407 4.6.2.1). */
public enum V1IdType implements IanaValue {
    IPV4_ADDR(1),
    FQDN(2),
    USER_FQDN(3),
    IPV4_ADDR_SUBNET(4),
    IPV6_ADDR(5),
    IPV6_ADDR_SUBNET(6),
    IPV4_ADDR_RANGE(7),
    IPV6_ADDR_RANGE(8),
    DER_ASN1_DN(9),
    DER_ASN1_GN(10),
    KEY_ID(11);

    private final int value;

    V1IdType(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    public static Optional<V1IdType> of(int value) {
        for (V1IdType t : values()) {
            if (t.value == value) return Optional.of(t);
        }
        return Optional.empty();
    }
}
