package io.ike4j.core.codec.v1;

import io.ike4j.core.proposal.IanaValue;
import java.util.Optional;

/** Phase 1 Group Type attribute values (RFC 2409 Appendix A). */
public enum V1GroupType implements IanaValue {
    MODP(1),
    ECP(2),
    EC2N(3);

    private final int value;

    V1GroupType(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    public static Optional<V1GroupType> of(int value) {
        for (V1GroupType t : values()) {
            if (t.value == value) return Optional.of(t);
        }
        return Optional.empty();
    }
}
