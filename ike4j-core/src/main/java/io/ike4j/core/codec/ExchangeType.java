package io.ike4j.core.codec;

import io.ike4j.core.proposal.IanaValue;
import java.util.Optional;

/** IKEv2 Exchange Types (IANA; RFC 7296 3.1, RFC 5723, RFC 9242, RFC 9370). */
public enum ExchangeType implements IanaValue {
    IKE_SA_INIT(34),
    IKE_AUTH(35),
    CREATE_CHILD_SA(36),
    INFORMATIONAL(37),
    IKE_SESSION_RESUME(38),
    IKE_INTERMEDIATE(43),
    IKE_FOLLOWUP_KE(44);

    private final int value;

    ExchangeType(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    public static Optional<ExchangeType> of(int value) {
        for (ExchangeType e : values()) {
            if (e.value == value) return Optional.of(e);
        }
        return Optional.empty();
    }
}
