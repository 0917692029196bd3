package io.ike4j.core.codec.payload;

import io.ike4j.core.proposal.IanaValue;
import java.util.Optional;

/** IKEv2 Configuration Payload CFG Types (IANA; RFC 7296 3.15). */
public enum ConfigType implements IanaValue {
    CFG_REQUEST(1),
    CFG_REPLY(2),
    CFG_SET(3),
    CFG_ACK(4);

    private final int value;

    ConfigType(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    public static Optional<ConfigType> of(int value) {
        for (ConfigType e : values()) {
            if (e.value == value) return Optional.of(e);
        }
        return Optional.empty();
    }
}
