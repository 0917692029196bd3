package io.ike4j.core.policy;

import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import java.util.Optional;

/** IP address family of a traffic selector, with its TS type (RFC 7296 3.13.1). */
public enum IpFamily {
    IPV4(4, TrafficSelectorSubstructure.TS_IPV4_ADDR_RANGE),
    IPV6(16, TrafficSelectorSubstructure.TS_IPV6_ADDR_RANGE);

    private final int addressLength;
    private final int tsType;

    IpFamily(int addressLength, int tsType) {
        this.addressLength = addressLength;
        this.tsType = tsType;
    }

    /** Address length in bytes. */
    public int addressLength() {
        return addressLength;
    }

    public int bits() {
        return addressLength * 8;
    }

    public int tsType() {
        return tsType;
    }

    public static Optional<IpFamily> ofTsType(int tsType) {
        for (IpFamily f : values()) {
            if (f.tsType == tsType) return Optional.of(f);
        }
        return Optional.empty();
    }

    public static Optional<IpFamily> ofAddressLength(int length) {
        for (IpFamily f : values()) {
            if (f.addressLength == length) return Optional.of(f);
        }
        return Optional.empty();
    }
}
