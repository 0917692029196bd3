package io.ike4j.core.proposal;

import java.util.Optional;

/** IKEv2 Transform Types (IANA "Transform Type Values"; RFC 7296 3.3.2, RFC 9370). */
public enum TransformType implements IanaValue {
    ENCR(1),
    PRF(2),
    INTEG(3),
    KE(4),
    ESN(5),
    ADDKE1(6),
    ADDKE2(7),
    ADDKE3(8),
    ADDKE4(9),
    ADDKE5(10),
    ADDKE6(11),
    ADDKE7(12);

    private final int value;

    TransformType(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    public static Optional<TransformType> of(int value) {
        for (TransformType t : values()) {
            if (t.value == value) return Optional.of(t);
        }
        return Optional.empty();
    }

    /** True for KE and ADDKE1..7: all carry a {@link KeyExchangeMethod} id. */
    public boolean isKeyExchange() {
        return this == KE || (value >= ADDKE1.value && value <= ADDKE7.value);
    }
}
