package io.ike4j.core.exchange;

import io.ike4j.core.codec.payload.IdentificationPayload;
import io.ike4j.core.config.Identity;

/** IDi/IDr payloads (RFC 7296 3.5) to and from the configuration's {@link Identity}. */
public final class IdentityUnit {
    private IdentityUnit() {}

    public static IdentificationPayload payload(boolean initiator, Identity id) {
        return new IdentificationPayload(initiator, id.type(), id.data(), false);
    }

    public static Identity identity(IdentificationPayload p) {
        return new Identity(p.idType(), p.data());
    }
}
