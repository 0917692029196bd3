package io.ike4j.core.proposal;

import java.util.Optional;

/** Security Protocol Identifiers (RFC 7296 3.3.1). */
public enum ProtocolId implements IanaValue {
    IKE(1),
    AH(2),
    ESP(3);

    private final int value;

    ProtocolId(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    public static Optional<ProtocolId> of(int value) {
        for (ProtocolId p : values()) {
            if (p.value == value) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** Size of an SPI of this protocol in an SA proposal (IKE SPIs are 8 bytes, ESP/AH 4). */
    public int spiSize() {
        return this == IKE ? 8 : 4;
    }
}
