package io.ike4j.core.auth.signature;

import io.ike4j.core.auth.der.Der;
import io.ike4j.core.auth.der.Oids;
import io.ike4j.core.auth.keys.KeyKind;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Optional;

/**
 * A signature scheme as used in IKEv2 AUTH: the classic methods (RFC 7296 3.8: RSA PKCS#1 v1.5 with SHA-1; RFC 4754:
 * ECDSA with fixed curve and hash, raw r||s) and the RFC 7427 method 14 schemes named by an ASN.1
 * AlgorithmIdentifier. The same enum names schemes for certificate signing (pki).
 */
public enum SignatureScheme {
    // RFC 7427 A.1: PKCS #1 v1.5 (parameters NULL)
    RSA_PKCS1_SHA1(Family.RSA, HashAlgorithm.SHA1, "SHA1withRSA", Oids.SHA1_WITH_RSA),
    RSA_PKCS1_SHA256(Family.RSA, HashAlgorithm.SHA2_256, "SHA256withRSA", Oids.SHA256_WITH_RSA),
    RSA_PKCS1_SHA384(Family.RSA, HashAlgorithm.SHA2_384, "SHA384withRSA", Oids.SHA384_WITH_RSA),
    RSA_PKCS1_SHA512(Family.RSA, HashAlgorithm.SHA2_512, "SHA512withRSA", Oids.SHA512_WITH_RSA),
    // RFC 4055 / RFC 7427 A.4: RSASSA-PSS, MGF1 with the same hash, salt = hash length, trailer 1
    RSA_PSS_SHA256(Family.RSA_PSS, HashAlgorithm.SHA2_256, "RSASSA-PSS", Oids.RSASSA_PSS),
    RSA_PSS_SHA384(Family.RSA_PSS, HashAlgorithm.SHA2_384, "RSASSA-PSS", Oids.RSASSA_PSS),
    RSA_PSS_SHA512(Family.RSA_PSS, HashAlgorithm.SHA2_512, "RSASSA-PSS", Oids.RSASSA_PSS),
    // RFC 7427 A.3 / RFC 5758: ECDSA, DER Ecdsa-Sig-Value, parameters absent, any supported curve
    ECDSA_SHA256(Family.ECDSA_DER, HashAlgorithm.SHA2_256, "SHA256withECDSA", Oids.ECDSA_SHA256),
    ECDSA_SHA384(Family.ECDSA_DER, HashAlgorithm.SHA2_384, "SHA384withECDSA", Oids.ECDSA_SHA384),
    ECDSA_SHA512(Family.ECDSA_DER, HashAlgorithm.SHA2_512, "SHA512withECDSA", Oids.ECDSA_SHA512),
    // RFC 4754: auth methods 9/10/11, curve fixed by the method, signature r||s
    ECDSA_P256_SHA256_RAW(Family.ECDSA_RAW, HashAlgorithm.SHA2_256, "SHA256withECDSAinP1363Format", null),
    ECDSA_P384_SHA384_RAW(Family.ECDSA_RAW, HashAlgorithm.SHA2_384, "SHA384withECDSAinP1363Format", null),
    ECDSA_P521_SHA512_RAW(Family.ECDSA_RAW, HashAlgorithm.SHA2_512, "SHA512withECDSAinP1363Format", null),
    // RFC 8420: EdDSA signs the octets directly (hash "identity")
    ED25519(Family.EDDSA, HashAlgorithm.IDENTITY, "Ed25519", Oids.ED25519),
    ED448(Family.EDDSA, HashAlgorithm.IDENTITY, "Ed448", Oids.ED448);

    /** How the signature is computed and encoded. */
    public enum Family { RSA, RSA_PSS, ECDSA_DER, ECDSA_RAW, EDDSA }

    private final Family family;
    private final HashAlgorithm hash;
    private final String jcaAlgorithm;
    private final String oid;

    SignatureScheme(Family family, HashAlgorithm hash, String jcaAlgorithm, String oid) {
        this.family = family;
        this.hash = hash;
        this.jcaAlgorithm = jcaAlgorithm;
        this.oid = oid;
    }

    public Family family() {
        return family;
    }

    public HashAlgorithm hash() {
        return hash;
    }

    public String jcaAlgorithm() {
        return jcaAlgorithm;
    }

    /** The signature algorithm OID (empty for the raw ECDSA schemes, which have none in IKE). */
    public Optional<String> oid() {
        return Optional.ofNullable(oid);
    }

    /** RSASSA-PSS parameters with the given salt length (this scheme's hash, MGF1 with the same hash, trailer 1). */
    public Optional<AlgorithmParameterSpec> parameterSpec(int saltLength) {
        if (family != Family.RSA_PSS) return Optional.empty();
        return Optional.of(new PSSParameterSpec(hash.jcaName(), "MGF1", new MGF1ParameterSpec(hash.jcaName()),
                saltLength, PSSParameterSpec.TRAILER_FIELD_BC));
    }

    /** Default salt length: the hash length (as strongSwan sends). */
    public int defaultSaltLength() {
        return family == Family.RSA_PSS ? hash.length() : 0;
    }

    /** True if a key of this kind can make or check signatures of this scheme. */
    public boolean fits(KeyKind kind) {
        return switch (family) {
            case RSA, RSA_PSS -> kind == KeyKind.RSA;
            case ECDSA_DER -> kind.isEcdsa();
            case ECDSA_RAW -> kind == switch (this) {
                case ECDSA_P256_SHA256_RAW -> KeyKind.ECDSA_P256;
                case ECDSA_P384_SHA384_RAW -> KeyKind.ECDSA_P384;
                default -> KeyKind.ECDSA_P521;
            };
            case EDDSA -> kind == (this == ED25519 ? KeyKind.ED25519 : KeyKind.ED448);
        };
    }

    /**
     * The DER AlgorithmIdentifier (RFC 7427 3, Appendix A; as used in X.509 signatureAlgorithm), or empty for the
     * raw ECDSA schemes. PKCS#1 v1.5 carries NULL parameters, ECDSA and EdDSA none; RSASSA-PSS carries
     * RSASSA-PSS-params with defaults omitted as DER requires (trailerField 1 is the default).
     */
    public Optional<byte[]> algorithmIdentifier() {
        return switch (family) {
            case RSA -> Optional.of(Der.algorithm(oid, Der.nul()));
            case ECDSA_DER, EDDSA -> Optional.of(Der.algorithm(oid, null));
            case RSA_PSS -> Optional.of(pssAlgorithmIdentifier(defaultSaltLength()));
            case ECDSA_RAW -> Optional.empty();
        };
    }

    byte[] pssAlgorithmIdentifier(int saltLength) {
        String hashOid = hash.oid().orElseThrow();
        byte[] hashAlg = Der.algorithm(hashOid, Der.nul());
        byte[] params = Der.sequence(
                Der.explicit(0, hashAlg),
                Der.explicit(1, Der.algorithm(Oids.MGF1, hashAlg)),
                Der.explicit(2, Der.integer(saltLength)));
        return Der.algorithm(Oids.RSASSA_PSS, params);
    }
}
