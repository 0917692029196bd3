package io.ike4j.core.auth.keys;

import io.ike4j.core.auth.signature.SignatureScheme;
import io.ike4j.core.crypto.CryptoProviders;
import io.ike4j.core.crypto.RandomSource;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Holds private keys and signs on request ({@link Signer}); immutable once built. Never exposes a key, and its
 * {@code toString()} lists only names and kinds. Randomness for ECDSA/PSS comes from the injected source.
 */
public final class PrivateKeyStore implements Signer {
    private final Map<KeyRef, PrivateKeyHandle> keys;
    private final RandomSource random;
    private final CryptoProviders providers;

    private PrivateKeyStore(Map<KeyRef, PrivateKeyHandle> keys, RandomSource random, CryptoProviders providers) {
        this.keys = Map.copyOf(keys);
        this.random = random;
        this.providers = providers == null ? CryptoProviders.JDK : providers;
    }

    /** The same keys, signing with the providers chosen per algorithm (ECDSA, EdDSA, RSA). */
    public PrivateKeyStore withProviders(CryptoProviders chosen) {
        return new PrivateKeyStore(keys, random, chosen);
    }

    public static Builder builder(RandomSource random) {
        return new Builder(random);
    }

    public static final class Builder {
        private final Map<KeyRef, PrivateKeyHandle> keys = new LinkedHashMap<>();
        private final RandomSource random;

        private Builder(RandomSource random) {
            this.random = random;
        }

        public Builder add(KeyRef ref, PrivateKeyHandle key) {
            keys.put(ref, key);
            return this;
        }

        public PrivateKeyStore build() {
            return new PrivateKeyStore(keys, random, CryptoProviders.JDK);
        }
    }

    public Set<KeyRef> refs() {
        return keys.keySet();
    }

    /** The reference of the key whose public half is {@code pub}, if held. */
    public Optional<KeyRef> find(PublicKey pub) {
        return keys.entrySet().stream().filter(e -> e.getValue().publicKey().equals(pub)).map(Map.Entry::getKey).findFirst();
    }

    @Override
    public SignResult sign(KeyRef ref, SignatureScheme scheme, byte[] octets) {
        PrivateKeyHandle h = keys.get(ref);
        if (h == null) return new SignResult.Failed(SignResult.Reason.UNKNOWN_KEY, "no private key " + ref.name());
        if (!scheme.fits(h.kind())) {
            return new SignResult.Failed(SignResult.Reason.SCHEME_MISMATCH, scheme + " does not fit a " + h.kind() + " key");
        }
        try {
            Signature s = SignatureEngines.of(providers, h.kind(), scheme.jcaAlgorithm());
            int salt = scheme.defaultSaltLength();
            if (scheme.parameterSpec(salt).isPresent()) s.setParameter(scheme.parameterSpec(salt).get());
            s.initSign(h.key(), JcaRandom.of(random));
            s.update(octets);
            return new SignResult.Signed(s.sign(), salt);
        } catch (GeneralSecurityException e) {
            return new SignResult.Failed(SignResult.Reason.PROVIDER_ERROR, scheme + " signing failed: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public SignResult signHash(KeyRef ref, byte[] hash) {
        PrivateKeyHandle h = keys.get(ref);
        if (h == null) return new SignResult.Failed(SignResult.Reason.UNKNOWN_KEY, "no private key " + ref.name());
        String alg = h.kind() == KeyKind.RSA ? "NONEwithRSA" : h.kind().isEcdsa() ? "NONEwithECDSAinP1363Format" : null;
        if (alg == null) return new SignResult.Failed(SignResult.Reason.SCHEME_MISMATCH, "no IKEv1 signature with a " + h.kind() + " key");
        try {
            Signature s = SignatureEngines.of(providers, h.kind(), alg);
            s.initSign(h.key(), JcaRandom.of(random));
            s.update(hash);
            return new SignResult.Signed(s.sign(), 0);
        } catch (GeneralSecurityException e) {
            return new SignResult.Failed(SignResult.Reason.PROVIDER_ERROR, alg + " signing failed: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public Optional<PublicKey> publicKey(KeyRef ref) {
        return Optional.ofNullable(keys.get(ref)).map(PrivateKeyHandle::publicKey);
    }

    @Override
    public Optional<KeyKind> kind(KeyRef ref) {
        return Optional.ofNullable(keys.get(ref)).map(PrivateKeyHandle::kind);
    }

    @Override
    public String toString() {
        return "PrivateKeyStore" + keys.values();
    }
}
