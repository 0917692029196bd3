package io.ike4j.core.codec.v1;

import io.ike4j.core.proposal.IanaValue;
import java.util.Optional;

/** IPsec DOI SA attribute classes (RFC 2407 4.5, RFC 4304 ESN). */
public enum Phase2AttributeType implements IanaValue {
    SA_LIFE_TYPE(1),
    SA_LIFE_DURATION(2),
    GROUP_DESCRIPTION(3),
    ENCAPSULATION_MODE(4),
    AUTHENTICATION_ALGORITHM(5),
    KEY_LENGTH(6),
    KEY_ROUNDS(7),
    COMPRESS_DICTIONARY_SIZE(8),
    COMPRESS_PRIVATE_ALGORITHM(9),
    ECN_TUNNEL(10),
    EXTENDED_SEQUENCE_NUMBER(11);

    private final int value;

    Phase2AttributeType(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    public static Optional<Phase2AttributeType> of(int value) {
        for (Phase2AttributeType t : values()) {
            if (t.value == value) return Optional.of(t);
        }
        return Optional.empty();
    }

    /** RFC 2407 4.5: SA Life Duration and Compress Private Algorithm are variable length; the others basic. */
    public boolean variableLength() {
        return this == SA_LIFE_DURATION || this == COMPRESS_PRIVATE_ALGORITHM;
    }
}
