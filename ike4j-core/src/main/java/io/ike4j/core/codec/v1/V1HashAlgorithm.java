package io.ike4j.core.codec.v1;

import io.ike4j.core.proposal.IanaValue;
import java.util.Optional;

/** Phase 1 Hash Algorithm attribute values (RFC 2409 Appendix A, RFC 4868). */
public enum V1HashAlgorithm implements IanaValue {
    MD5(1),
    SHA1(2),
    TIGER(3),
    SHA2_256(4),
    SHA2_384(5),
    SHA2_512(6);

    private final int value;

    V1HashAlgorithm(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    public static Optional<V1HashAlgorithm> of(int value) {
        for (V1HashAlgorithm t : values()) {
            if (t.value == value) return Optional.of(t);
        }
        return Optional.empty();
    }
}
