package io.ike4j.core.codec.v1;

import io.ike4j.core.proposal.IanaValue;
import java.util.Optional;

/** Phase 1 Authentication Method attribute values (RFC 2409 Appendix A, RFC 4754 ECDSA, draft-ietf-ipsec-isakmp-xauth/hybrid private values). */
public enum V1AuthMethod implements IanaValue {
    PRE_SHARED_KEY(1),
    DSS_SIGNATURES(2),
    RSA_SIGNATURES(3),
    RSA_ENCRYPTION(4),
    RSA_REVISED_ENCRYPTION(5),
    ECDSA_SHA256_P256(9),
    ECDSA_SHA384_P384(10),
    ECDSA_SHA512_P521(11),
    HYBRID_INIT_RSA(64221),
    HYBRID_RESP_RSA(64222),
    HYBRID_INIT_DSS(64223),
    HYBRID_RESP_DSS(64224),
    XAUTH_INIT_PSK(65001),
    XAUTH_RESP_PSK(65002),
    XAUTH_INIT_DSS(65003),
    XAUTH_RESP_DSS(65004),
    XAUTH_INIT_RSA(65005),
    XAUTH_RESP_RSA(65006),
    XAUTH_INIT_RSA_ENCRYPTION(65007),
    XAUTH_RESP_RSA_ENCRYPTION(65008),
    XAUTH_INIT_RSA_REVISED_ENCRYPTION(65009),
    XAUTH_RESP_RSA_REVISED_ENCRYPTION(65010);

    private final int value;

    V1AuthMethod(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }

    public static Optional<V1AuthMethod> of(int value) {
        for (V1AuthMethod t : values()) {
            if (t.value == value) return Optional.of(t);
        }
        return Optional.empty();
    }
}
