package io.ike4j.core.codec.payload;

import io.ike4j.core.codec.PayloadType;
import java.util.Arrays;

/** KE payload (RFC 7296 3.4): Key Exchange Method number and public value. */
public record KeyExchangePayload(int group, byte[] data, boolean critical) implements Payload {
    public KeyExchangePayload {
        data = data.clone();
    }

    public KeyExchangePayload(int group, byte[] data) {
        this(group, data, false);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public int payloadType() {
        return PayloadType.KE.value();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyExchangePayload p && p.group == group && p.critical == critical && Arrays.equals(p.data, data);
    }

    @Override
    public int hashCode() {
        return (group * 31 + Arrays.hashCode(data)) * 2 + (critical ? 1 : 0);
    }

    @Override
    public String toString() {
        return "KE[group=" + group + ", " + data.length + " bytes]";
    }
}
