package io.ike4j.core.codec.v1;

import io.ike4j.core.proposal.IanaValue;
import java.util.Optional;

/** ISAKMP transform identifiers (RFC 2407 4.4.2). */
public enum IsakmpTransformId implements IanaValue {
    KEY_IKE(1);

    private final int value;

    IsakmpTransformId(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    public static Optional<IsakmpTransformId> of(int value) {
        for (IsakmpTransformId t : values()) {
            if (t.value == value) return Optional.of(t);
        }
        return Optional.empty();
    }
}
