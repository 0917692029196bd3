package io.ike4j.core.auth.keys;

import io.ike4j.core.auth.signature.AuthFailure;
import io.ike4j.core.auth.signature.AuthSignature;
import io.ike4j.core.auth.signature.SignatureScheme;
import io.ike4j.core.auth.signature.VerifyResult;
import io.ike4j.core.crypto.CryptoProviders;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Optional;

/**
 * Checks signatures with public keys: the scheme must fit the key (algorithm, curve for the classic ECDSA
 * methods), the key must not be weak, and the signature length must be possible for the key before the JCA sees it.
 */
public final class SignatureVerifier {
    /** Minimum RSA modulus size accepted (bits). */
    public static final int DEFAULT_MIN_RSA_BITS = 2048;

    private final int minRsaBits;
    private final CryptoProviders providers;

    public SignatureVerifier(int minRsaBits, CryptoProviders providers) {
        this.minRsaBits = minRsaBits;
        this.providers = providers == null ? CryptoProviders.JDK : providers;
    }

    public SignatureVerifier(int minRsaBits) {
        this(minRsaBits, CryptoProviders.JDK);
    }

    public SignatureVerifier() {
        this(DEFAULT_MIN_RSA_BITS);
    }

    public VerifyResult verify(PublicKey key, AuthSignature sig, byte[] octets) {
        return verify(key, sig.scheme(), sig.saltLength(), octets, sig.signature());
    }

    public VerifyResult verify(PublicKey key, SignatureScheme scheme, int saltLength, byte[] octets, byte[] signature) {
        Optional<KeyKind> kind = KeyKind.of(key);
        if (kind.isEmpty()) return invalid(AuthFailure.KEY_MISMATCH, "unsupported public key " + key.getAlgorithm());
        if (!scheme.fits(kind.get())) return invalid(AuthFailure.KEY_MISMATCH, scheme + " does not fit a " + kind.get() + " key");
        int bits = KeyKind.bits(key);
        if (kind.get() == KeyKind.RSA && bits < minRsaBits) {
            return invalid(AuthFailure.WEAK_KEY, "RSA key of " + bits + " bits is below " + minRsaBits);
        }
        String lengthProblem = lengthProblem(kind.get(), bits, scheme, saltLength, signature);
        if (lengthProblem != null) return invalid(AuthFailure.BAD_SIGNATURE_LENGTH, lengthProblem);
        if (scheme.family() == SignatureScheme.Family.ECDSA_RAW || scheme.family() == SignatureScheme.Family.ECDSA_DER) {
            String range = EcdsaRange.problem(key, signature, scheme.family() == SignatureScheme.Family.ECDSA_RAW);
            if (range != null) return invalid(AuthFailure.BAD_SIGNATURE, scheme + " signature invalid: " + range);
        }
        try {
            Signature v = SignatureEngines.of(providers, kind.get(), scheme.jcaAlgorithm());
            if (scheme.parameterSpec(saltLength).isPresent()) v.setParameter(scheme.parameterSpec(saltLength).get());
            v.initVerify(key);
            v.update(octets);
            if (v.verify(signature)) return new VerifyResult.Valid(scheme);
            return invalid(AuthFailure.BAD_SIGNATURE, scheme + " signature does not verify");
        } catch (GeneralSecurityException | RuntimeException e) {
            // providers signal malformed signatures with SignatureException (or occasionally unchecked exceptions)
            // (the exception's class is no explanation for an operator: say what it means)
            return invalid(AuthFailure.BAD_SIGNATURE, scheme + " signature malformed (refused by the crypto provider)");
        }
    }

    private static String lengthProblem(KeyKind kind, int bits, SignatureScheme scheme, int salt, byte[] sig) {
        int n = sig.length;
        return switch (scheme.family()) {
            case RSA, RSA_PSS -> {
                int modLen = (bits + 7) / 8;
                if (n != modLen) yield "RSA signature of " + n + " bytes for a " + modLen + "-byte modulus";
                // RFC 8017 9.1.1: emLen >= hLen + sLen + 2
                int emLen = (bits - 1 + 7) / 8;
                if (scheme.family() == SignatureScheme.Family.RSA_PSS && salt > emLen - scheme.hash().length() - 2) {
                    yield "PSS salt length " + salt + " too large for the key";
                }
                yield null;
            }
            case ECDSA_RAW -> n == 2 * kind.fieldBytes() ? null : "ECDSA r||s of " + n + " bytes, expected " + 2 * kind.fieldBytes();
            // SEQUENCE header (up to 3) + two INTEGERs (header 2, leading zero 1)
            case ECDSA_DER -> n >= 8 && n <= 2 * (kind.fieldBytes() + 3) + 3 ? null : "ECDSA DER signature of " + n + " bytes out of bounds";
            case EDDSA -> n == (kind == KeyKind.ED25519 ? 64 : 114) ? null : "EdDSA signature of " + n + " bytes";
        };
    }

    private static VerifyResult invalid(AuthFailure reason, String detail) {
        return new VerifyResult.Invalid(reason, detail);
    }
}
