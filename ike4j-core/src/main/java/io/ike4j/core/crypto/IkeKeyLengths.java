package io.ike4j.core.crypto;

import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import io.ike4j.core.proposal.PrfAlgorithm;

/**
 * Byte lengths of the IKE SA keys (RFC 7296 2.14): SK_d, SK_pi and SK_pr are {@code prf} long; SK_ai/SK_ar
 * {@code integrity} (0 with an AEAD cipher); SK_ei/SK_er {@code encryption}, including any salt.
 */
public record IkeKeyLengths(int prf, int integrity, int encryption) {

    public IkeKeyLengths {
        if (prf <= 0 || integrity < 0 || encryption < 0) throw new IllegalArgumentException("bad key lengths");
    }

    /** Lengths for a negotiated IKE SA suite; {@code integrity} is ignored (0) for AEAD ciphers. */
    public static IkeKeyLengths of(PrfAlgorithm prf, EncryptionAlgorithm encryption, int keyBits,
            IntegrityAlgorithm integrity) {
        int integ = encryption.isAead() ? 0 : KeyMaterialLengths.integrity(integrity);
        return new IkeKeyLengths(prf.outputLength(), integ, KeyMaterialLengths.encryption(encryption, keyBits));
    }

    /** Total prf+ output needed: SK_d + 2 * SK_a + 2 * SK_e + 2 * SK_p. */
    public int total() {
        return prf + 2 * integrity + 2 * encryption + 2 * prf;
    }
}
