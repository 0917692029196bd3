package io.ike4j.core.crypto;

import java.util.Optional;

/**
 * Encrypts and authenticates the body of an Encrypted (SK, RFC 7296 3.14) or Encrypted Fragment
 * (SKF, RFC 7383 2.5) payload, for one direction of one IKE SA.
 *
 * <p>The wire body of such a payload is {@code IV || ciphertext(inner payloads || padding || pad length) || ICV}.
 * The "prefix" is every message byte before the IV: the IKE header and the SK/SKF generic payload header
 * (plus, for SKF, fragment number and total), with all length fields already final. For AEAD ciphers
 * (RFC 5282) the prefix is the associated data; for a cipher with a separate integrity algorithm, the ICV
 * covers prefix, IV and ciphertext.
 */
public interface EncryptedPayloadProtection {

    /** Length in bytes of the body (IV, ciphertext with padding and pad length, ICV) for this much plaintext. */
    int sealedLength(int plaintextLength);

    /** Builds the body for {@code plaintext} (inner payloads) given the final prefix. */
    byte[] seal(byte[] prefix, byte[] plaintext);

    /**
     * Verifies and decrypts. {@code message[0..bodyOffset)} is the prefix and {@code message[bodyOffset, bodyOffset+bodyLength)}
     * the body. Returns the inner payload bytes (padding removed), or empty if the body is too short,
     * misaligned, fails its integrity check or has an impossible pad length. Never throws on bad input.
     */
    Optional<byte[]> open(byte[] message, int bodyOffset, int bodyLength);
}
