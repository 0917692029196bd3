package io.ike4j.core.codec.payload;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/** A Configuration Attribute (RFC 7296 3.15.1): 15-bit type and value (empty in a request for "any"). */
public record ConfigAttribute(int type, byte[] value) {
    public ConfigAttribute {
        if (type < 0 || type > 0x7fff) throw new IllegalArgumentException("attribute type is 15 bits");
        value = value.clone();
    }

    public ConfigAttribute(ConfigAttributeType type, byte[] value) {
        this(type.value(), value);
    }

    public Optional<ConfigAttributeType> attributeType() {
        return ConfigAttributeType.of(type);
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigAttribute a && a.type == type && Arrays.equals(a.value, value);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "CfgAttr[" + attributeType().map(Enum::name).orElse(Integer.toString(type)) + "="
                + HexFormat.of().formatHex(value) + "]";
    }
}
