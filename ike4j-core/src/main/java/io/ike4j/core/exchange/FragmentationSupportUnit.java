package io.ike4j.core.exchange;

import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.NotifyPayload;

/** RFC 7383 2.3: announce IKEV2_FRAGMENTATION_SUPPORTED in IKE_SA_INIT; note whether the peer did. */
public final class FragmentationSupportUnit {
    private FragmentationSupportUnit() {}

    public static NotifyPayload announce() {
        return NotifyPayload.of(NotifyType.IKEV2_FRAGMENTATION_SUPPORTED, new byte[0]);
    }

    public static boolean peerSupports(IkeMessage m) {
        return SupportNotifies.has(m, NotifyType.IKEV2_FRAGMENTATION_SUPPORTED);
    }
}
