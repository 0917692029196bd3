package io.ike4j.core.codec.v1;

import io.ike4j.core.proposal.IanaValue;
import java.util.Optional;

/** IPsec DOI Authentication Algorithm attribute values (RFC 2407 4.5, RFC 4868, RFC 4543). */
public enum V1AuthAlgorithm implements IanaValue {
    HMAC_MD5(1),
    HMAC_SHA1(2),
    DES_MAC(3),
    KPDK(4),
    HMAC_SHA2_256(5),
    HMAC_SHA2_384(6),
    HMAC_SHA2_512(7),
    HMAC_RIPEMD(8),
    AES_XCBC_MAC(9),
    SIG_RSA(10),
    AES_128_GMAC(11),
    AES_192_GMAC(12),
    AES_256_GMAC(13);

    private final int value;

    V1AuthAlgorithm(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    public static Optional<V1AuthAlgorithm> of(int value) {
        for (V1AuthAlgorithm t : values()) {
            if (t.value == value) return Optional.of(t);
        }
        return Optional.empty();
    }
}
