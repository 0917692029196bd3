package io.ike4j.core.codec.v1;

import io.ike4j.core.proposal.IanaValue;
import java.util.Optional;

/** Group Description values (RFC 2409 Appendix A / 6, RFC 3526, RFC 5903). */
public enum V1Group implements IanaValue {
    MODP_768(1),
    MODP_1024(2),
    EC2N_155(3),
    EC2N_185(4),
    MODP_1536(5),
    MODP_2048(14),
    MODP_3072(15),
    MODP_4096(16),
    MODP_6144(17),
    MODP_8192(18),
    ECP_256(19),
    ECP_384(20),
    ECP_521(21),
    MODP_1024_160(22),
    MODP_2048_224(23),
    MODP_2048_256(24),
    ECP_192(25),
    ECP_224(26),
    ECP_224_BP(27),
    ECP_256_BP(28),
    ECP_384_BP(29),
    ECP_512_BP(30),
    CURVE25519(31),
    CURVE448(32);

    private final int value;

    V1Group(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    public static Optional<V1Group> of(int value) {
        for (V1Group t : values()) {
            if (t.value == value) return Optional.of(t);
        }
        return Optional.empty();
    }
}
