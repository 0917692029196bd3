package io.ike4j.core.exchange;

import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.codec.payload.SecurityAssociationPayload;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.sa.IkeSa;
import java.util.Optional;

/**
 * Childless IKE SA initiation (RFC 6023): the responder announces CHILDLESS_IKEV2_SUPPORTED in its IKE_SA_INIT
 * response; an initiator may then leave SA, TSi and TSr out of IKE_AUTH and create its CHILD_SAs with CREATE_CHILD_SA
 * (e.g. with an independent key exchange for each). strongSwan's {@code childless} decides when (see
 * {@link ConnectionConfig.Childless}).
 */
public final class ChildlessUnit {
    private ChildlessUnit() {}

    /** What the initiator's IKE_AUTH request carries. */
    public enum Decision { WITH_CHILD, CHILDLESS, REFUSED }

    public static NotifyPayload announce() {
        return NotifyPayload.of(NotifyType.CHILDLESS_IKEV2_SUPPORTED, new byte[0]);
    }

    public static boolean peerSupports(IkeMessage m) {
        return SupportNotifies.has(m, NotifyType.CHILDLESS_IKEV2_SUPPORTED);
    }

    /** Initiator: childless or not, by the connection's policy, what was asked for and what the peer announced. */
    public static Decision decide(IkeSa sa) {
        return switch (sa.connection.childless()) {
            case NEVER -> Decision.WITH_CHILD;
            case FORCE -> sa.peerChildless ? Decision.CHILDLESS : Decision.REFUSED;
            case PREFER -> sa.peerChildless ? Decision.CHILDLESS : Decision.WITH_CHILD;
            case ALLOW -> sa.peerChildless && sa.ikeOnly ? Decision.CHILDLESS : Decision.WITH_CHILD;
        };
    }

    /** Responder: why this IKE_AUTH request is refused under the connection's policy, if it is. */
    static Optional<String> refusal(ConnectionConfig c, IkeMessage request) {
        boolean withChild = request.first(SecurityAssociationPayload.class).isPresent();
        if (!withChild && c.childless() == ConnectionConfig.Childless.NEVER) {
            return Optional.of("childless IKE_SA refused (childless = never)");
        }
        if (withChild && c.childless() == ConnectionConfig.Childless.FORCE) {
            return Optional.of("IKE_AUTH with a CHILD_SA refused (childless = force)");
        }
        return Optional.empty();
    }
}
