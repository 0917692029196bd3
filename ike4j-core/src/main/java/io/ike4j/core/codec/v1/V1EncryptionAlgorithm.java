package io.ike4j.core.codec.v1;

import io.ike4j.core.proposal.IanaValue;
import java.util.Optional;

/** Phase 1 Encryption Algorithm attribute values (RFC 2409 Appendix A, RFC 3602, RFC 4312). */
public enum V1EncryptionAlgorithm implements IanaValue {
    DES_CBC(1),
    IDEA_CBC(2),
    BLOWFISH_CBC(3),
    RC5_R16_B64_CBC(4),
    TRIPLE_DES_CBC(5),
    CAST_CBC(6),
    AES_CBC(7),
    CAMELLIA_CBC(8);

    private final int value;

    V1EncryptionAlgorithm(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    public static Optional<V1EncryptionAlgorithm> of(int value) {
        for (V1EncryptionAlgorithm t : values()) {
            if (t.value == value) return Optional.of(t);
        }
        return Optional.empty();
    }
}
