package io.ike4j.core.codec.v1;

import io.ike4j.core.proposal.IanaValue;
import java.util.Optional;

/** Life Type values: Phase 1 (RFC 2409 Appendix A) and SA Life Type (RFC 2407 4.5) share them. */
public enum V1LifeType implements IanaValue {
    SECONDS(1),
    KILOBYTES(2);

    private final int value;

    V1LifeType(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    public static Optional<V1LifeType> of(int value) {
        for (V1LifeType t : values()) {
            if (t.value == value) return Optional.of(t);
        }
        return Optional.empty();
    }
}
