package io.ike4j.core.proposal;

import java.util.List;
import java.util.Optional;

/** Choosing the KE method to send or to ask for, around INVALID_KE_PAYLOAD (RFC 7296 1.2, 1.3, 3.10.1). */
public final class KeyExchangeNegotiation {
    private KeyExchangeNegotiation() {
    }

    /** Initiator: the method for the first KE payload, the first of our first proposal. */
    public static Optional<KeyExchangeMethod> initialGuess(List<Proposal> ours) {
        return ours.stream().flatMap(p -> p.keyExchanges().stream())
                .filter(k -> k != KeyExchangeMethod.NONE).findFirst();
    }

    /**
     * Initiator: the responder answered INVALID_KE_PAYLOAD asking for {@code requestedId}. Returns that
     * method if one of our proposals contains it (then retry with it), empty if we would not accept it.
     */
    public static Optional<KeyExchangeMethod> acceptRequested(List<Proposal> ours, int requestedId) {
        return KeyExchangeMethod.of(requestedId).filter(k -> k != KeyExchangeMethod.NONE)
                .filter(k -> ours.stream().anyMatch(p -> p.keyExchanges().contains(k)));
    }

    /**
     * Responder: if the KE payload's method differs from the chosen proposal's, the method to request in
     * INVALID_KE_PAYLOAD; empty if the payload is fine (or the chosen proposal has no key exchange).
     */
    public static Optional<KeyExchangeMethod> groupToRequest(Proposal chosen, int receivedId) {
        return chosen.keyExchanges().stream().filter(k -> k != KeyExchangeMethod.NONE).findFirst()
                .filter(k -> k.value() != receivedId);
    }
}
