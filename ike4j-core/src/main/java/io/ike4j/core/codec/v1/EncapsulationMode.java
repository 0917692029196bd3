package io.ike4j.core.codec.v1;

import io.ike4j.core.proposal.IanaValue;
import java.util.Optional;

/** Encapsulation Mode values (RFC 2407 4.5, RFC 3947 5: UDP-encapsulated; 61443/61444 are the draft-ietf-ipsec-nat-t-ike values). */
public enum EncapsulationMode implements IanaValue {
    TUNNEL(1),
    TRANSPORT(2),
    UDP_ENCAPSULATED_TUNNEL(3),
    UDP_ENCAPSULATED_TRANSPORT(4),
    UDP_ENCAPSULATED_TUNNEL_DRAFT(61443),
    UDP_ENCAPSULATED_TRANSPORT_DRAFT(61444);

    private final int value;

    EncapsulationMode(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    public static Optional<EncapsulationMode> of(int value) {
        for (EncapsulationMode t : values()) {
            if (t.value == value) return Optional.of(t);
        }
        return Optional.empty();
    }
}
