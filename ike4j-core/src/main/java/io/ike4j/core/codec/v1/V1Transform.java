package io.ike4j.core.codec.v1;

import io.ike4j.core.proposal.IanaValue;
import java.util.List;
import java.util.Optional;

/**
 * A Transform payload (RFC 2408 3.6) inside a proposal: number, transform id (meaning per protocol: {@link
 * IsakmpTransformId}, {@link EspTransformId}, {@link AhTransformId}, {@link IpcompTransformId}) and SA attributes
 * ({@link Phase1AttributeType} for ISAKMP, {@link Phase2AttributeType} for the IPsec protocols).
 */
public record V1Transform(int number, int transformId, List<DataAttribute> attributes) {

    public V1Transform {
        if (number < 0 || number > 0xff || transformId < 0 || transformId > 0xff) {
            throw new IllegalArgumentException("transform number/id not u8");
        }
        attributes = List.copyOf(attributes);
    }

    public Optional<DataAttribute> attribute(IanaValue type) {
        return DataAttribute.find(attributes, type);
    }
}
