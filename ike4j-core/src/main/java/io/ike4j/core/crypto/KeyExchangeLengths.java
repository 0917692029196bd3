package io.ike4j.core.crypto;

import io.ike4j.core.proposal.KeyExchangeMethod;
import java.util.Objects;

/**
 * Length of the Key Exchange Data per direction. For Diffie-Hellman both sides send a value of
 * {@link KeyExchangeMethod#publicValueLength()}; for a KEM the initiator sends the encapsulation key and the
 * responder the ciphertext, whose lengths differ (draft-ietf-ipsecme-ikev2-mlkem 2.1, Table 1). A codec or exchange
 * task checking a KE payload's size should ask here rather than use {@code publicValueLength()}, which is 0 for KEMs.
 */
public final class KeyExchangeLengths {

    private KeyExchangeLengths() {}

    /** True if {@code method} is a key encapsulation mechanism (the responder encapsulates to the initiator's key). */
    public static boolean isKem(KeyExchangeMethod method) {
        return MlKemParameterSet.of(method).isPresent();
    }

    /** Length of the initiator's Key Exchange Data (KEi): g^i, or the ML-KEM encapsulation key. */
    public static int initiatorLength(KeyExchangeMethod method) {
        Objects.requireNonNull(method, "method");
        return MlKemParameterSet.of(method).map(MlKemParameterSet::encapsulationKeyLength)
                .orElse(method.publicValueLength());
    }

    /** Length of the responder's Key Exchange Data (KEr): g^r, or the ML-KEM ciphertext. */
    public static int responderLength(KeyExchangeMethod method) {
        Objects.requireNonNull(method, "method");
        return MlKemParameterSet.of(method).map(MlKemParameterSet::ciphertextLength)
                .orElse(method.publicValueLength());
    }
}
