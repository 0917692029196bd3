package io.ike4j.core.exchange;

import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.NotifyPayload;

/** RFC 7296 2.4: INITIAL_CONTACT in the first IKE_AUTH request to a peer. */
public final class InitialContactUnit {
    private InitialContactUnit() {}

    public static NotifyPayload announce() {
        return NotifyPayload.of(NotifyType.INITIAL_CONTACT, new byte[0]);
    }

    /**
     * Whether our IKE_AUTH request announces INITIAL_CONTACT: not with {@code unique = never}, and only while we have
     * no other established IKE SA of the connection with that peer address (strongSwan's first-contact test): a second
     * IKE SA (make-before-break, another start) must not make the peer drop the first.
     */
    public static boolean firstContact(Session s, io.ike4j.core.sa.IkeSa sa) {
        if (sa.connection.unique() == io.ike4j.core.config.ConnectionConfig.Unique.NEVER) return false;
        for (io.ike4j.core.sa.IkeSa other : s.registry().all()) {
            if (other == sa || !other.lock().tryLock()) continue;
            try {
                if (other.state == io.ike4j.core.sa.IkeSaState.ESTABLISHED && !other.retired
                        && other.connectionName().equals(sa.connectionName())
                        && other.remote != null && other.remote.address().equals(sa.remote.address())) return false;
            } finally {
                other.lock().unlock();
            }
        }
        return true;
    }

    public static boolean present(IkeMessage m) {
        return SupportNotifies.has(m, NotifyType.INITIAL_CONTACT);
    }
}
