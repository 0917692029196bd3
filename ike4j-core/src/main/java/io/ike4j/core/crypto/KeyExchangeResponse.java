package io.ike4j.core.crypto;

import io.ike4j.core.proposal.KeyExchangeMethod;

/**
 * The responder side of one key exchange, complete as soon as it exists: for Diffie-Hellman a fresh key pair
 * already combined with the initiator's value; for a KEM the encapsulation (ciphertext + shared secret).
 */
public interface KeyExchangeResponse {

    KeyExchangeMethod method();

    /** The Key Exchange Data to send back (a copy). */
    byte[] publicValue();

    /** g^ir (a copy; the caller wipes it when done). */
    byte[] sharedSecret();

    /** Wipes the shared secret and private part. */
    void destroy();
}
