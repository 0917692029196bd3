package io.ike4j.core.pool;

import java.net.InetAddress;

/** An address handed out from pool {@code pool} to {@code identity}; given back with {@link AddressPools#release}. */
public record PoolAssignment(String pool, String identity, InetAddress address) {
    public boolean ipv6() {
        return address.getAddress().length == 16;
    }
}
