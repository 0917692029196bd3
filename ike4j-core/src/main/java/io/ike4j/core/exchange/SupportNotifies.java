package io.ike4j.core.exchange;

import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.NotifyPayload;

/** Small helpers shared by the notify-only units. */
final class SupportNotifies {
    private SupportNotifies() {}

    static boolean has(IkeMessage m, NotifyType type) {
        return m.all(NotifyPayload.class).stream().anyMatch(n -> n.notifyType() == type.value());
    }
}
