package io.ike4j.platform.dataplane;

/**
 * Told when a CHILD_SA reached a lifetime limit the data plane enforces (the kernel's XFRM_MSG_EXPIRE, RFC 4301
 * 4.4.2.1): soft ({@code hard} false) means rekey it, hard means it is gone and should be deleted. Called on netlink
 * threads: must not block.
 */
@FunctionalInterface
public interface ExpiryListener {
    ExpiryListener NONE = (ikeSaId, childSaId, hard) -> { };

    void expired(long ikeSaId, long childSaId, boolean hard);
}
