package io.ike4j.core.exchange;

import io.ike4j.core.crypto.CryptoProviders;
import io.ike4j.core.crypto.Prf;
import io.ike4j.core.proposal.PrfAlgorithm;

/** The engine's choice of JCA provider per primitive ({@code EngineSettings.crypto()}), as the exchanges use it. */
final class EngineCrypto {
    private EngineCrypto() {}

    static CryptoProviders of(Session s) {
        return s.context().config().settings().crypto();
    }

    /** The negotiated PRF (RFC 7296 2.13) with the engine's MAC provider. */
    static Prf prf(Session s, PrfAlgorithm algorithm) {
        return Prf.of(algorithm, of(s).mac());
    }
}
