package io.ike4j.core.codec.v1;

import io.ike4j.core.proposal.IanaValue;
import java.util.Optional;

/** IPsec DOI AH transform identifiers (RFC 2407 4.4.3, RFC 4868, RFC 4543). */
public enum AhTransformId implements IanaValue {
    AH_MD5(2),
    AH_SHA(3),
    AH_DES(4),
    AH_SHA2_256(5),
    AH_SHA2_384(6),
    AH_SHA2_512(7),
    AH_RIPEMD(8),
    AH_AES_XCBC_MAC(9),
    AH_RSA(10),
    AH_AES_128_GMAC(11),
    AH_AES_192_GMAC(12),
    AH_AES_256_GMAC(13);

    private final int value;

    AhTransformId(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    public static Optional<AhTransformId> of(int value) {
        for (AhTransformId t : values()) {
            if (t.value == value) return Optional.of(t);
        }
        return Optional.empty();
    }
}
