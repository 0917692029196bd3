package io.ike4j.core.crypto;

/**
 * The crypto provider failed on input the core considers valid (missing algorithm, rejected key of the right
 * size). An environment or programming fault, not a reaction to peer input: peer input never causes it.
 * The message names the algorithm only, never key material.
 */
public final class CryptoUnavailableException extends IllegalStateException {

    public CryptoUnavailableException(String what, Throwable cause) {
        super(what + ": " + cause.getClass().getSimpleName(), cause);
    }
}
