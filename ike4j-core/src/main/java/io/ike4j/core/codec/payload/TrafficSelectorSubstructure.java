package io.ike4j.core.codec.payload;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A Traffic Selector (RFC 7296 3.13.1) as on the wire. {@code tsType} 7 is TS_IPV4_ADDR_RANGE
 * (4-byte addresses), 8 is TS_IPV6_ADDR_RANGE (16-byte addresses). Ports and protocol are unsigned.
 */
public record TrafficSelectorSubstructure(int tsType, int ipProtocol, int startPort, int endPort,
                                          byte[] startAddress, byte[] endAddress) {
    public static final int TS_IPV4_ADDR_RANGE = 7;
    public static final int TS_IPV6_ADDR_RANGE = 8;

    public TrafficSelectorSubstructure {
        startAddress = startAddress.clone();
        endAddress = endAddress.clone();
    }

    @Override
    public byte[] startAddress() {
        return startAddress.clone();
    }

    @Override
    public byte[] endAddress() {
        return endAddress.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrafficSelectorSubstructure t && t.tsType == tsType && t.ipProtocol == ipProtocol
                && t.startPort == startPort && t.endPort == endPort
                && Arrays.equals(t.startAddress, startAddress) && Arrays.equals(t.endAddress, endAddress);
    }

    @Override
    public int hashCode() {
        return (((tsType * 31 + ipProtocol) * 31 + startPort) * 31 + endPort) * 31
                + Arrays.hashCode(startAddress) * 17 + Arrays.hashCode(endAddress);
    }

    @Override
    public String toString() {
        HexFormat h = HexFormat.of();
        return "TS[type=" + tsType + ", proto=" + ipProtocol + ", ports=" + startPort + "-" + endPort
                + ", " + h.formatHex(startAddress) + "-" + h.formatHex(endAddress) + "]";
    }
}
