package io.ike4j.core.pool;

import java.net.InetAddress;

/** An address of a pool bound to an identity; {@code online} while an IKE SA uses it. */
public record Lease(String identity, InetAddress address, boolean online) {}
