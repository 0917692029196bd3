package io.ike4j.core.codec.v1;

import io.ike4j.core.proposal.IanaValue;
import java.util.Optional;

/** IPsec DOI IPCOMP transform identifiers (RFC 2407 4.4.5). */
public enum IpcompTransformId implements IanaValue {
    IPCOMP_OUI(1),
    IPCOMP_DEFLATE(2),
    IPCOMP_LZS(3);

    private final int value;

    IpcompTransformId(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    public static Optional<IpcompTransformId> of(int value) {
        for (IpcompTransformId t : values()) {
            if (t.value == value) return Optional.of(t);
        }
        return Optional.empty();
    }
}
