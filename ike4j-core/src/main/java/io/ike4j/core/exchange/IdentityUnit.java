package io.ike4j.core.exchange;

import io.ike4j.core.codec.payload.IdType;
import io.ike4j.core.codec.payload.IdentificationPayload;
import io.ike4j.core.config.Identity;
import java.util.Optional;

/** IDi/IDr payloads (RFC 7296 3.5) to and from the configuration's {@link Identity}. */
public final class IdentityUnit {
    private IdentityUnit() {}

    /** The payload for a concrete identity ({@code %any} is never sent). */
    public static IdentificationPayload payload(boolean initiator, Identity id) {
        return new IdentificationPayload(initiator, id.concreteType(), id.data());
    }

    /** The received identity; empty for an ID type outside the IANA registry we know (RFC 7296 3.5). */
    public static Optional<Identity> identity(IdentificationPayload p) {
        return IdType.of(p.idType()).map(t -> new Identity(t, p.data()));
    }
}
