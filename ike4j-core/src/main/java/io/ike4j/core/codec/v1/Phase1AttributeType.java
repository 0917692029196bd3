package io.ike4j.core.codec.v1;

import io.ike4j.core.proposal.IanaValue;
import java.util.Optional;

/** Phase 1 (ISAKMP SA) data attribute classes (RFC 2409 Appendix A); {@code variableLength} marks the TLV ones. */
public enum Phase1AttributeType implements IanaValue {
    ENCRYPTION_ALGORITHM(1),
    HASH_ALGORITHM(2),
    AUTHENTICATION_METHOD(3),
    GROUP_DESCRIPTION(4),
    GROUP_TYPE(5),
    GROUP_PRIME(6),
    GROUP_GENERATOR_ONE(7),
    GROUP_GENERATOR_TWO(8),
    GROUP_CURVE_A(9),
    GROUP_CURVE_B(10),
    LIFE_TYPE(11),
    LIFE_DURATION(12),
    PRF(13),
    KEY_LENGTH(14),
    FIELD_SIZE(15),
    GROUP_ORDER(16);

    private final int value;

    Phase1AttributeType(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    public static Optional<Phase1AttributeType> of(int value) {
        for (Phase1AttributeType t : values()) {
            if (t.value == value) return Optional.of(t);
        }
        return Optional.empty();
    }

    /** RFC 2409 Appendix A: these classes are variable length (TLV); the others are basic (TV). */
    public boolean variableLength() {
        return switch (this) {
            case GROUP_PRIME, GROUP_GENERATOR_ONE, GROUP_GENERATOR_TWO, GROUP_CURVE_A, GROUP_CURVE_B, LIFE_DURATION,
                 GROUP_ORDER -> true;
            default -> false;
        };
    }
}
