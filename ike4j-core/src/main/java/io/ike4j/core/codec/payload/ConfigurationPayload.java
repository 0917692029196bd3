package io.ike4j.core.codec.payload;

import io.ike4j.core.codec.PayloadType;
import java.util.List;
import java.util.Optional;

/** Configuration payload CP (RFC 7296 3.15). */
public record ConfigurationPayload(int configType, List<ConfigAttribute> attributes, boolean critical)
        implements Payload {
    public ConfigurationPayload {
        attributes = List.copyOf(attributes);
    }

    public ConfigurationPayload(ConfigType type, List<ConfigAttribute> attributes) {
        this(type.value(), attributes, false);
    }

    public Optional<ConfigType> cfgType() {
        return ConfigType.of(configType);
    }

    @Override
    public int payloadType() {
        return PayloadType.CP.value();
    }
}
