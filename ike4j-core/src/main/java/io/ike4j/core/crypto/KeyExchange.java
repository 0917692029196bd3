package io.ike4j.core.crypto;

import io.ike4j.core.proposal.KeyExchangeMethod;

/**
 * The initiator side of one key exchange (RFC 7296 1.2 KE payload; RFC 9370 additional key exchanges).
 * For Diffie-Hellman methods the public value is g^i; for a KEM (ML-KEM, later) it is the encapsulation key
 * and {@link #sharedSecret} decapsulates the responder's ciphertext. Not reusable across SAs.
 */
public interface KeyExchange {

    KeyExchangeMethod method();

    /** The Key Exchange Data to send (a copy). */
    byte[] publicValue();

    /** Combines our private part with the peer's Key Exchange Data into g^ir (a fresh array owned by the caller). */
    byte[] sharedSecret(byte[] peerValue) throws KeyExchangeException;

    /** Forgets the private part; later {@link #sharedSecret} calls fail with {@code DESTROYED}. */
    void destroy();
}
