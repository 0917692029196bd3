package io.ike4j.bench.jmh;

import io.ike4j.core.crypto.CryptoProvider;
import io.ike4j.core.crypto.JcaCryptoProvider;
import java.security.Provider;

/** The providers the benchmarks compare: {@code jdk} (default lookup) and {@code bc} (BouncyCastle, never registered). */
final class Providers {
    private Providers() {}

    private static final class Bc {
        static final Provider INSTANCE = new org.bouncycastle.jce.provider.BouncyCastleProvider();
    }

    /** null for the JDK. */
    static Provider provider(String name) {
        return switch (name) {
            case "jdk" -> null;
            case "bc" -> Bc.INSTANCE;
            default -> throw new IllegalArgumentException("provider " + name);
        };
    }

    static CryptoProvider engines(String name) {
        Provider p = provider(name);
        return p == null ? CryptoProvider.jca() : JcaCryptoProvider.using(p);
    }
}
