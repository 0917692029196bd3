package io.ike4j.core.engine;

import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;

/**
 * Receives IKE SA keys for a Wireshark IKEv2 decryption table (explicitly enabled for debugging only). The engine
 * calls it once per IKE SA after key derivation; arrays are copies the sink may keep. {@code integrity} is
 * {@link IntegrityAlgorithm#NONE} for AEAD ciphers.
 */
@FunctionalInterface
public interface KeyLogSink {
    void ikeSaKeys(long initiatorSpi, long responderSpi, EncryptionAlgorithm encryption, int encryptionKeyBits,
                   byte[] skEi, byte[] skEr, IntegrityAlgorithm integrity, byte[] skAi, byte[] skAr);
}
