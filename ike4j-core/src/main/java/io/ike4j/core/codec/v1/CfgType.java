package io.ike4j.core.codec.v1;

import io.ike4j.core.proposal.IanaValue;
import java.util.Optional;

/** Mode Config message types of the Attribute payload (draft-dukes-ike-mode-cfg 3.2). */
public enum CfgType implements IanaValue {
    CFG_REQUEST(1),
    CFG_REPLY(2),
    CFG_SET(3),
    CFG_ACK(4);

    private final int value;

    CfgType(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    public static Optional<CfgType> of(int value) {
        for (CfgType t : values()) {
            if (t.value == value) return Optional.of(t);
        }
        return Optional.empty();
    }
}
