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

    public static boolean present(IkeMessage m) {
        return SupportNotifies.has(m, NotifyType.INITIAL_CONTACT);
    }
}
