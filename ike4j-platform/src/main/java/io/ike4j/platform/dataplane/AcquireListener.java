package io.ike4j.platform.dataplane;

/**
 * Told when a packet matched a trap policy and no CHILD_SA carries it (the kernel's XFRM_MSG_ACQUIRE, or the
 * user-space data plane's equivalent). Called on packet or netlink threads: must not block.
 */
@FunctionalInterface
public interface AcquireListener {
    AcquireListener NONE = (connection, child) -> { };

    void acquire(String connection, String child);
}
