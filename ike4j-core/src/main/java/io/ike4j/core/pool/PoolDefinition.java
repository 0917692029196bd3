package io.ike4j.core.pool;

import io.ike4j.core.codec.payload.ConfigAttribute;
import java.util.List;
import java.util.Optional;

/**
 * A configured pool ({@code pools.<name>} in swanctl.conf): its addresses, if any, and the configuration attributes
 * handed out with them (DNS, NBNS, netmask, subnets...). Attribute types are the IKEv2 ones (RFC 7296 3.15.1), which
 * IKEv1 Mode Config shares for types 1-15.
 */
public record PoolDefinition(String name, Optional<PoolRange> range, List<ConfigAttribute> attributes) {
    public PoolDefinition {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("pool name required");
        range = range == null ? Optional.empty() : range;
        attributes = List.copyOf(attributes);
    }

    public static PoolDefinition of(String name, String addrs, List<ConfigAttribute> attributes) {
        return new PoolDefinition(name, PoolRange.parse(addrs), attributes);
    }
}
