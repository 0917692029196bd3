package io.ike4j.core.sa.v1;

import io.ike4j.core.codec.v1.V1AuthMethod;
import io.ike4j.core.codec.v1.V1EncryptionAlgorithm;
import io.ike4j.core.codec.v1.V1Group;
import io.ike4j.core.codec.v1.V1HashAlgorithm;
import io.ike4j.core.proposal.KeyExchangeMethod;

/**
 * One complete Phase 1 transform (RFC 2409 5, Appendix A): cipher and key length (bits, 0 = default), hash (and
 * HMAC prf), Diffie-Hellman group and authentication method. IKEv1 offers suites, not separate transforms.
 */
public record Phase1Suite(V1EncryptionAlgorithm encryption, int keyBits, V1HashAlgorithm hash, V1Group group,
                          KeyExchangeMethod keyExchange, V1AuthMethod auth) {

    /** Same algorithms (the authentication method is compared too). */
    public boolean sameAs(Phase1Suite o) {
        return encryption == o.encryption && effectiveKeyBits() == o.effectiveKeyBits() && hash == o.hash
                && group == o.group && auth == o.auth;
    }

    /** AES without a Key Length attribute means 128 bits (RFC 3602 and strongSwan). */
    public int effectiveKeyBits() {
        return keyBits != 0 ? keyBits : encryption == V1EncryptionAlgorithm.AES_CBC ? 128 : 192;
    }
}
