package io.ike4j.core.codec.v1;

import io.ike4j.core.proposal.IanaValue;
import java.util.Optional;

/** ISAKMP payload types (RFC 2408 3.1, RFC 3947 3.1/4, draft values 130/131 of draft-ietf-ipsec-nat-t-ike-02/03, draft-dukes-ike-mode-cfg 14). */
public enum V1PayloadType implements IanaValue {
    NONE(0),
    SA(1),
    PROPOSAL(2),
    TRANSFORM(3),
    KE(4),
    ID(5),
    CERT(6),
    CERTREQ(7),
    HASH(8),
    SIG(9),
    NONCE(10),
    NOTIFICATION(11),
    DELETE(12),
    VENDOR_ID(13),
    ATTRIBUTE(14),
    NAT_D(20),
    NAT_OA(21),
    NAT_D_DRAFT(130),
    NAT_OA_DRAFT(131);

    private final int value;

    V1PayloadType(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    public static Optional<V1PayloadType> of(int value) {
        for (V1PayloadType t : values()) {
            if (t.value == value) return Optional.of(t);
        }
        return Optional.empty();
    }

    /** IKEv2 payload types (RFC 7296 3.2: 33..54 as assigned today) never appear in an IKEv1 message. */
    public static boolean isIkev2PayloadType(int type) {
        return type >= 33 && type <= 54;
    }
}
