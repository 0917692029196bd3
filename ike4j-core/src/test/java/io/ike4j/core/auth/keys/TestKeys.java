package io.ike4j.core.auth.keys;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Key pairs for tests, generated once per kind (RSA generation is slow). */
public final class TestKeys {
    private static final Map<String, KeyPair> CACHE = new ConcurrentHashMap<>();

    private TestKeys() {}

    public static KeyPair pair(KeyKind kind) {
        return CACHE.computeIfAbsent(kind.name(), k -> generate(kind, 2048));
    }

    public static KeyPair rsa(int bits) {
        return CACHE.computeIfAbsent("RSA" + bits, k -> generate(KeyKind.RSA, bits));
    }

    /** A fresh pair, not cached. */
    public static KeyPair generate(KeyKind kind, int rsaBits) {
        try {
            KeyPairGenerator g;
            switch (kind) {
                case RSA -> {
                    g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(rsaBits, new SecureRandom());
                }
                case ECDSA_P256, ECDSA_P384, ECDSA_P521 -> {
                    g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec(kind == KeyKind.ECDSA_P256 ? "secp256r1"
                            : kind == KeyKind.ECDSA_P384 ? "secp384r1" : "secp521r1"));
                }
                case ED25519 -> g = KeyPairGenerator.getInstance("Ed25519");
                default -> g = KeyPairGenerator.getInstance("Ed448");
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    public static PrivateKeyHandle handle(KeyKind kind) {
        try {
            return PrivateKeyHandle.of(pair(kind));
        } catch (KeyLoadException e) {
            throw new AssertionError(e);
        }
    }
}
