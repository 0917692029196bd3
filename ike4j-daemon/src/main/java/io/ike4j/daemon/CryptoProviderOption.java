package io.ike4j.daemon;

import io.ike4j.core.crypto.CryptoPrimitive;
import io.ike4j.core.crypto.CryptoProviders;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.KEM;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;

/**
 * The daemon's {@code --crypto-provider SPEC}: which JCA provider serves each primitive. SPEC is {@code jdk} (the JDK
 * for everything), {@code default}, or a comma-separated list of {@code PRIMITIVE=PROVIDER} applied in order over
 * the defaults, where PRIMITIVE is a {@link CryptoPrimitive} label ({@code x25519 x448 ecdh modp mlkem ecdsa eddsa
 * rsa aead cbc mac}, {@code ed25519} = {@code eddsa}) or {@code all}, and PROVIDER is {@code jdk} or {@code bc}
 * (BouncyCastle). Example: {@code --crypto-provider x25519=bc,eddsa=bc,ecdsa=bc,aead=jdk}.
 *
 * <p>The defaults were chosen by measurement on a 2-core AMD EPYC VM with JDK 25 and BouncyCastle 1.87
 * (scripts/bench-crypto.sh, README "Performance"): BouncyCastle's X25519 costs about a quarter of the JDK's, its
 * Ed25519 sign and verify about a seventh, and its ECDSA P-256 verification a quarter to a fifth (signing is a tie),
 * so a responder's ECDSA work (one signature, two verifications) costs a third. The JDK keeps ECDH P-256, AES-GCM
 * (AES-NI/CLMUL intrinsics, 20x faster), HMAC (4x faster), RSA, MODP and ML-KEM (ties within the noise).
 */
public final class CryptoProviderOption {
    /** The measured default: what {@code default} means. */
    public static final String DEFAULT_SPEC = "x25519=bc,ecdsa=bc,eddsa=bc";

    private CryptoProviderOption() {}

    /** A SPEC that cannot be used: unknown primitive or provider, or the provider lacks the primitive. */
    public static final class SpecException extends Exception {
        private static final long serialVersionUID = 1L;

        SpecException(String message) {
            super(message);
        }
    }

    /** The defaults ({@link #DEFAULT_SPEC}); the JDK for everything if BouncyCastle is not on the class path. */
    public static CryptoProviders defaults() {
        try {
            return parse(DEFAULT_SPEC);
        } catch (SpecException e) {
            return CryptoProviders.JDK;
        }
    }

    public static CryptoProviders parse(String spec) throws SpecException {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("jdk")) return CryptoProviders.JDK;
        CryptoProviders result = CryptoProviders.JDK;
        for (String item : (s.equals("default") ? DEFAULT_SPEC : DEFAULT_SPEC + "," + s).split(",")) {
            String[] kv = item.trim().split("=", 2);
            if (kv.length != 2) throw new SpecException("'" + item.trim() + "' is not PRIMITIVE=PROVIDER");
            String name = kv[0].trim();
            Provider p = provider(kv[1].trim());
            if (name.equals("all")) {
                for (CryptoPrimitive c : CryptoPrimitive.values()) result = choose(result, c, p);
                continue;
            }
            CryptoPrimitive c = CryptoPrimitive.parse(name).orElseThrow(() -> new SpecException("unknown primitive '" + name
                    + "' (x25519, x448, ecdh, modp, mlkem, ecdsa, eddsa, rsa, aead, cbc, mac or all)"));
            result = choose(result, c, p);
        }
        for (var e : result.choices().entrySet()) probe(e.getKey(), e.getValue());
        return result;
    }

    private static CryptoProviders choose(CryptoProviders current, CryptoPrimitive c, Provider p) {
        if (p != null) return current.with(c, p);
        java.util.Map<CryptoPrimitive, Provider> m = new java.util.EnumMap<>(CryptoPrimitive.class);
        m.putAll(current.choices());
        m.remove(c);
        return new CryptoProviders(m);
    }

    /** null = the JDK's default lookup. */
    private static Provider provider(String name) throws SpecException {
        return switch (name) {
            case "jdk" -> null;
            case "bc", "bouncycastle" -> bouncyCastle();
            default -> throw new SpecException("unknown provider '" + name + "' (jdk or bc)");
        };
    }

    private static Provider bouncyCastle() throws SpecException {
        try {
            return BouncyCastle.PROVIDER;
        } catch (LinkageError e) { // an optional dependency: an embedding application may leave it out
            throw new SpecException("BouncyCastle (bcprov-jdk18on) is not on the class path");
        }
    }

    /** Fails unless {@code p} has the primitive's engine (the representative algorithm the engine asks for). */
    private static void probe(CryptoPrimitive c, Provider p) throws SpecException {
        try {
            switch (c) {
                case X25519, X448 -> KeyAgreement.getInstance("XDH", p);
                case ECDH -> KeyAgreement.getInstance("ECDH", p);
                case MODP -> KeyAgreement.getInstance("DH", p);
                case ML_KEM -> KEM.getInstance("ML-KEM", p);
                case ECDSA -> Signature.getInstance("SHA256withECDSAinP1363Format", p);
                case EDDSA -> Signature.getInstance("Ed25519", p);
                case RSA -> Signature.getInstance("RSASSA-PSS", p);
                case AEAD -> Cipher.getInstance("AES/GCM/NoPadding", p);
                case CBC -> Cipher.getInstance("AES/CBC/NoPadding", p);
                case MAC -> Mac.getInstance("HmacSHA256", p);
            }
        } catch (GeneralSecurityException e) {
            throw new SpecException(p.getName() + " has no " + c.label() + ": " + e.getMessage());
        }
    }

    /** One BouncyCastle provider instance for the process, created on first use, never registered globally. */
    private static final class BouncyCastle {
        static final Provider PROVIDER = new org.bouncycastle.jce.provider.BouncyCastleProvider();
    }
}
