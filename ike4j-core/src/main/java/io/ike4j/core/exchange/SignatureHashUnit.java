package io.ike4j.core.exchange;

import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.NotifyPayload;

/** RFC 7427 4: announce SIGNATURE_HASH_ALGORITHMS (SHA2-256, SHA2-384, SHA2-512, Identity) like strongSwan. */
public final class SignatureHashUnit {
    private SignatureHashUnit() {}

    public static NotifyPayload announce() {
        return NotifyPayload.of(NotifyType.SIGNATURE_HASH_ALGORITHMS, new byte[] {0, 2, 0, 3, 0, 4, 0, 5});
    }
}
