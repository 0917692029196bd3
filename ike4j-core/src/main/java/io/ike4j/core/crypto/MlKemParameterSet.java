package io.ike4j.core.crypto;

import io.ike4j.core.proposal.KeyExchangeMethod;
import java.security.spec.NamedParameterSpec;
import java.util.Optional;

/**
 * The three ML-KEM parameter sets of FIPS 203 (section 8, Table 3) and their IKEv2 Key Exchange Method numbers
 * (draft-ietf-ipsecme-ikev2-mlkem 2.1, Table 1). The initiator's Key Exchange Data is the encapsulation key
 * {@code ek} (384k + 32 bytes), the responder's is the ciphertext {@code c}; the shared secret is always 32 bytes.
 */
public enum MlKemParameterSet {
    ML_KEM_512(KeyExchangeMethod.ML_KEM_512, "ML-KEM-512", NamedParameterSpec.ML_KEM_512, 2, 768),
    ML_KEM_768(KeyExchangeMethod.ML_KEM_768, "ML-KEM-768", NamedParameterSpec.ML_KEM_768, 3, 1088),
    ML_KEM_1024(KeyExchangeMethod.ML_KEM_1024, "ML-KEM-1024", NamedParameterSpec.ML_KEM_1024, 4, 1568);

    /** FIPS 203 2.4: the modulus of every polynomial coefficient. */
    public static final int Q = 3329;
    /** FIPS 203 Algorithms 17/18: the shared secret K is 32 bytes for every parameter set. */
    public static final int SHARED_SECRET_LENGTH = 32;
    /** FIPS 203 Algorithms 19/20: each of the seeds d, z (key generation) and m (encapsulation) is 32 bytes. */
    public static final int SEED_LENGTH = 32;

    private final KeyExchangeMethod method;
    private final String jcaName;
    private final NamedParameterSpec spec;
    private final int k;
    private final int ciphertextLength;

    MlKemParameterSet(KeyExchangeMethod method, String jcaName, NamedParameterSpec spec, int k, int ciphertextLength) {
        this.method = method;
        this.jcaName = jcaName;
        this.spec = spec;
        this.k = k;
        this.ciphertextLength = ciphertextLength;
    }

    /** The parameter set behind {@code method}, or empty if the method is not ML-KEM. */
    public static Optional<MlKemParameterSet> of(KeyExchangeMethod method) {
        if (method == null) return Optional.empty();
        for (MlKemParameterSet s : values()) {
            if (s.method == method) return Optional.of(s);
        }
        return Optional.empty();
    }

    public KeyExchangeMethod method() {
        return method;
    }

    /** The JCA standard name ("ML-KEM-768"), for KeyPairGenerator, KeyFactory and KEM. */
    public String jcaName() {
        return jcaName;
    }

    NamedParameterSpec spec() {
        return spec;
    }

    /** FIPS 203 Table 2: the module rank k (2, 3 or 4). */
    public int k() {
        return k;
    }

    /** The initiator's Key Exchange Data: ek = ByteEncode12(t) || rho, 384k + 32 bytes (800 / 1184 / 1568). */
    public int encapsulationKeyLength() {
        return 384 * k + 32;
    }

    /** The responder's Key Exchange Data: the ciphertext c (768 / 1088 / 1568 bytes). */
    public int ciphertextLength() {
        return ciphertextLength;
    }

    /** FIPS 203 Algorithm 16: dk = dkPKE || ek || H(ek) || z, 768k + 96 bytes (1632 / 2400 / 3168). */
    public int decapsulationKeyLength() {
        return 768 * k + 96;
    }
}
