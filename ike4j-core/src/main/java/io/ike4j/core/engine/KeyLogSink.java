package io.ike4j.core.engine;

/**
 * Receives IKE SA keys for a Wireshark IKEv2 decryption table (explicitly enabled for debugging only). The engine
 * calls it once per IKE SA after key derivation; arrays are copies the sink may keep.
 */
@FunctionalInterface
public interface KeyLogSink {
    void ikeSaKeys(long initiatorSpi, long responderSpi, String encryption, byte[] skEi, byte[] skEr,
                   String integrity, byte[] skAi, byte[] skAr);
}
