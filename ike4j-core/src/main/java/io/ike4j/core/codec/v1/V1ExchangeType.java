package io.ike4j.core.codec.v1;

import io.ike4j.core.proposal.IanaValue;
import java.util.Optional;

/** ISAKMP exchange types (RFC 2408 3.1, RFC 2409 5, draft-dukes-ike-mode-cfg). */
public enum V1ExchangeType implements IanaValue {
    NONE(0),
    BASE(1),
    IDENTITY_PROTECTION(2),
    AUTH_ONLY(3),
    AGGRESSIVE(4),
    INFORMATIONAL(5),
    TRANSACTION(6),
    QUICK_MODE(32),
    NEW_GROUP_MODE(33);

    private final int value;

    V1ExchangeType(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    public static Optional<V1ExchangeType> of(int value) {
        for (V1ExchangeType t : values()) {
            if (t.value == value) return Optional.of(t);
        }
        return Optional.empty();
    }
}
