package io.ike4j.core.crypto;

import io.ike4j.core.proposal.KeyExchangeMethod;
import java.security.Provider;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which JCA {@link Provider} serves each {@link CryptoPrimitive}; primitives without a choice use the JDK's default
 * provider lookup. Immutable, injected through {@code EngineSettings} (never a global): the core only receives
 * {@code Provider} instances, so it does not depend on any particular provider library.
 */
public record CryptoProviders(Map<CryptoPrimitive, Provider> choices) {
    /** The JDK's providers for everything. */
    public static final CryptoProviders JDK = new CryptoProviders(Map.of());

    public CryptoProviders {
        EnumMap<CryptoPrimitive, Provider> copy = new EnumMap<>(CryptoPrimitive.class);
        if (choices != null) {
            choices.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "primitive"), Objects.requireNonNull(v, "provider")));
        }
        choices = java.util.Collections.unmodifiableMap(copy);
    }

    /** This choice with {@code primitive} served by {@code provider}. */
    public CryptoProviders with(CryptoPrimitive primitive, Provider provider) {
        EnumMap<CryptoPrimitive, Provider> m = new EnumMap<>(CryptoPrimitive.class);
        m.putAll(choices);
        m.put(primitive, provider);
        return new CryptoProviders(m);
    }

    /** The provider chosen for {@code primitive}; empty = the JDK's default lookup. */
    public Optional<Provider> provider(CryptoPrimitive primitive) {
        return Optional.ofNullable(choices.get(primitive));
    }

    /** The engines for {@code primitive}. */
    public CryptoProvider engines(CryptoPrimitive primitive) {
        Provider p = choices.get(primitive);
        return p == null ? CryptoProvider.jca() : JcaCryptoProvider.using(p);
    }

    /** The engines for a key exchange method's group (the JDK's for methods without a primitive). */
    public CryptoProvider keyExchange(KeyExchangeMethod method) {
        return CryptoPrimitive.of(method).map(this::engines).orElse(CryptoProvider.jca());
    }

    public CryptoProvider aead() {
        return engines(CryptoPrimitive.AEAD);
    }

    public CryptoProvider mac() {
        return engines(CryptoPrimitive.MAC);
    }

    /** The provider name per chosen primitive, e.g. {@code x25519=BC,eddsa=BC} ("jdk" if none). */
    public String describe() {
        if (choices.isEmpty()) return "jdk";
        return choices.entrySet().stream().map(e -> e.getKey().label() + "=" + e.getValue().getName())
                .collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return "CryptoProviders[" + describe() + "]";
    }
}
