package io.ike4j.core.auth.keys;

import io.ike4j.core.crypto.CryptoPrimitive;
import io.ike4j.core.crypto.CryptoProviders;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;
import java.util.Optional;

/** JCA {@link Signature} engines from the provider chosen for the key's algorithm ({@link CryptoProviders}). */
public final class SignatureEngines {
    private SignatureEngines() {}

    /** The primitive a key kind signs with. */
    public static CryptoPrimitive primitive(KeyKind kind) {
        return switch (kind) {
            case RSA -> CryptoPrimitive.RSA;
            case ECDSA_P256, ECDSA_P384, ECDSA_P521 -> CryptoPrimitive.ECDSA;
            case ED25519, ED448 -> CryptoPrimitive.EDDSA;
        };
    }

    /** A fresh engine for {@code jcaAlgorithm} with a {@code kind} key. */
    public static Signature of(CryptoProviders providers, KeyKind kind, String jcaAlgorithm) throws GeneralSecurityException {
        Optional<Provider> p = providers.provider(primitive(kind));
        return p.isPresent() ? Signature.getInstance(jcaAlgorithm, p.get()) : Signature.getInstance(jcaAlgorithm);
    }
}
