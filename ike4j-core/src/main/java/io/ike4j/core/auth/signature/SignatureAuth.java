package io.ike4j.core.auth.signature;

import io.ike4j.core.auth.keys.KeyKind;
import io.ike4j.core.auth.keys.KeyRef;
import io.ike4j.core.auth.keys.SignResult;
import io.ike4j.core.auth.keys.SignatureVerifier;
import io.ike4j.core.auth.keys.Signer;
import io.ike4j.core.codec.payload.AuthMethod;
import io.ike4j.core.codec.payload.AuthenticationPayload;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an engine auth unit calls for signature authentication (RFC 7296 2.15, RFC 7427, RFC 4754, RFC 8420):
 * choose a scheme, make the AUTH payload over the signed octets ({@code AuthenticationOctets}), check a received one.
 */
public final class SignatureAuth {
    private SignatureAuth() {}

    /**
     * Our scheme for a key of {@code kind}. With RFC 7427 support from the peer ({@code peerHashes} present, from its
     * SIGNATURE_HASH_ALGORITHMS) method 14 with the first hash of {@code ourHashes} the peer supports (for ECDSA the
     * hash matching the curve first); without it the classic methods 1 / 9-11. EdDSA needs method 14 with IDENTITY.
     */
    public static Optional<SchemeChoice> choose(KeyKind kind, Optional<List<HashAlgorithm>> peerHashes,
            List<HashAlgorithm> ourHashes, boolean rsaPss) {
        if (peerHashes.isEmpty()) {
            return switch (kind) {
                case RSA -> Optional.of(new SchemeChoice(AuthMethod.RSA_DIGITAL_SIGNATURE, SignatureScheme.RSA_PKCS1_SHA1));
                case ECDSA_P256 -> Optional.of(new SchemeChoice(AuthMethod.ECDSA_SHA256_P256, SignatureScheme.ECDSA_P256_SHA256_RAW));
                case ECDSA_P384 -> Optional.of(new SchemeChoice(AuthMethod.ECDSA_SHA384_P384, SignatureScheme.ECDSA_P384_SHA384_RAW));
                case ECDSA_P521 -> Optional.of(new SchemeChoice(AuthMethod.ECDSA_SHA512_P521, SignatureScheme.ECDSA_P521_SHA512_RAW));
                case ED25519, ED448 -> Optional.empty();
            };
        }
        List<HashAlgorithm> order = new ArrayList<>(ourHashes);
        if (kind.isEcdsa()) {
            HashAlgorithm natural = switch (kind) {
                case ECDSA_P256 -> HashAlgorithm.SHA2_256;
                case ECDSA_P384 -> HashAlgorithm.SHA2_384;
                default -> HashAlgorithm.SHA2_512;
            };
            if (order.remove(natural)) order.addFirst(natural);
        }
        for (HashAlgorithm h : order) {
            if (!peerHashes.get().contains(h)) continue;
            Optional<SignatureScheme> s = schemeFor(kind, h, rsaPss);
            if (s.isPresent()) return Optional.of(new SchemeChoice(AuthMethod.DIGITAL_SIGNATURE, s.get()));
        }
        return Optional.empty();
    }

    static Optional<SignatureScheme> schemeFor(KeyKind kind, HashAlgorithm h, boolean rsaPss) {
        for (SignatureScheme s : SignatureScheme.values()) {
            if (s.hash() != h || !s.fits(kind) || s.oid().isEmpty() || s == SignatureScheme.RSA_PKCS1_SHA1) continue;
            if (kind == KeyKind.RSA && (s.family() == SignatureScheme.Family.RSA_PSS) != rsaPss) continue;
            return Optional.of(s);
        }
        return Optional.empty();
    }

    /** Outcome of making our AUTH payload. */
    public sealed interface Created {
        record Payload(AuthenticationPayload payload) implements Created {}

        record Failed(SignResult.Failed failure) implements Created {}
    }

    public static Created sign(Signer signer, KeyRef key, SchemeChoice choice, byte[] signedOctets) {
        return switch (signer.sign(key, choice.scheme(), signedOctets)) {
            case SignResult.Signed s -> new Created.Payload(new AuthenticationPayload(choice.method().value(),
                    AuthDataCodec.encode(choice.method(), choice.scheme(), s.saltLength(), s.signature())));
            case SignResult.Failed f -> new Created.Failed(f);
        };
    }

    /**
     * Checks the peer's AUTH payload against its public key (from its certificate or configuration). For method 14
     * the hash must be one of {@code announced} (what we sent in SIGNATURE_HASH_ALGORITHMS, RFC 7427 4).
     */
    public static VerifyResult verify(SignatureVerifier verifier, PublicKey peerKey, AuthenticationPayload auth,
            byte[] signedOctets, Set<HashAlgorithm> announced) {
        return switch (AuthDataCodec.decode(auth.method(), auth.data())) {
            case AuthDataResult.Refused r -> new VerifyResult.Invalid(r.reason(), r.detail());
            case AuthDataResult.Parsed p -> {
                AuthSignature sig = p.signature();
                if (sig.method() == AuthMethod.DIGITAL_SIGNATURE && !announced.contains(sig.scheme().hash())) {
                    yield new VerifyResult.Invalid(AuthFailure.HASH_NOT_ANNOUNCED, sig.scheme() + " uses a hash we did not announce");
                }
                yield verifier.verify(peerKey, sig, signedOctets);
            }
        };
    }
}
