package io.ike4j.core.proposal;

import java.util.Optional;

/** Transform Type 5, Extended Sequence Numbers Transform IDs (RFC 7296 3.3.2). */
public enum EsnMode implements IanaValue {
    NO_ESN(0),
    ESN(1);

    private final int value;

    EsnMode(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    public static Optional<EsnMode> of(int value) {
        for (EsnMode e : values()) {
            if (e.value == value) return Optional.of(e);
        }
        return Optional.empty();
    }
}
