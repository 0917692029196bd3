package io.ike4j.core.sa.v1;

import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import io.ike4j.core.proposal.KeyExchangeMethod;

/**
 * One complete ESP transform of Quick Mode (RFC 2407 4.4.4, 4.5): cipher, key length (bits, 0 for fixed-size),
 * integrity ({@link IntegrityAlgorithm#NONE} for AEAD) and the PFS group ({@link KeyExchangeMethod#NONE} without PFS).
 */
public record Phase2Suite(EncryptionAlgorithm encryption, int keyBits, IntegrityAlgorithm integrity,
                          KeyExchangeMethod pfsGroup) {

    /** KEYMAT bytes for one direction: the cipher key (with the 4-byte salt for GCM, RFC 4106 8.1), then the integrity key. */
    public int encryptionKeyLength() {
        int base = switch (encryption) {
            case TRIPLE_DES -> 24;
            case NULL -> 0;
            default -> keyBits / 8;
        };
        return encryption.isAead() ? base + 4 : base;
    }

    public int keymatLength() {
        return encryptionKeyLength() + (integrity == IntegrityAlgorithm.NONE ? 0 : integrity.keyLength());
    }
}
