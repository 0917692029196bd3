package io.ike4j.core.exchange;

import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.Identity;
import io.ike4j.core.sa.IkeSa;
import io.ike4j.core.sa.IkeSaState;

/**
 * {@code unique = keep} (strongSwan's uniqueness policy): a responder refuses a second IKE SA between the same
 * identities from another address while the first is established; the same address may come again (a
 * reauthentication). INITIAL_CONTACT (RFC 7296 2.4) overrides: the peer says it lost its SAs. The other policies act
 * after establishment ({@code no}: only on INITIAL_CONTACT, {@code replace}: always, {@code never}: not at all).
 */
final class UniquenessUnit {
    private UniquenessUnit() {}

    static boolean keepRefuses(Session s, IkeSa sa, ConnectionConfig c, Identity remoteId, boolean initialContact) {
        if (c.unique() != ConnectionConfig.Unique.KEEP || initialContact) return false;
        Identity localId = sa.localId;
        for (IkeSa other : s.registry().all()) {
            if (other == sa || !other.lock().tryLock()) continue; // never wait for another SA while holding ours
            try {
                if (other.state == IkeSaState.ESTABLISHED && !other.retired && remoteId.equals(other.remoteId)
                        && localId.equals(other.localId) && !other.remote.address().equals(sa.remote.address())) {
                    return true;
                }
            } finally {
                other.lock().unlock();
            }
        }
        return false;
    }
}
