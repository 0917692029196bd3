package io.ike4j.core.codec.payload;

import io.ike4j.core.proposal.TransformType;
import java.util.List;
import java.util.Optional;

/**
 * A Transform Substructure (RFC 7296 3.3.2) as on the wire. Type and id stay raw numbers so that
 * unknown values survive a decode/encode round trip and can be skipped during selection.
 */
public record TransformSubstructure(int type, int id, List<TransformAttribute> attributes) {
    public TransformSubstructure {
        attributes = List.copyOf(attributes);
    }

    public TransformSubstructure(TransformType type, int id) {
        this(type.value(), id, List.of());
    }

    public Optional<TransformType> transformType() {
        return TransformType.of(type);
    }

    /** The Key Length attribute in bits, if present. */
    public Optional<Integer> keyLength() {
        return attributes.stream().filter(a -> a.type() == TransformAttribute.KEY_LENGTH && a.tvFormat())
                .map(TransformAttribute::intValue).findFirst();
    }
}
