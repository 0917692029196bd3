package io.ike4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.auth.keys.KeyRef;
import io.ike4j.core.auth.keys.PrivateKeyHandle;
import io.ike4j.core.auth.keys.PrivateKeyStore;
import io.ike4j.core.auth.keys.SignResult;
import io.ike4j.core.auth.keys.SignatureVerifier;
import io.ike4j.core.auth.signature.SignatureScheme;
import io.ike4j.core.crypto.CryptoPrimitive;
import io.ike4j.core.crypto.CryptoProvider;
import io.ike4j.core.crypto.CryptoProviders;
import io.ike4j.core.crypto.EncryptedPayloadProtection;
import io.ike4j.core.crypto.KeyExchange;
import io.ike4j.core.crypto.KeyExchangeResponse;
import io.ike4j.core.crypto.KeyExchanges;
import io.ike4j.core.crypto.KeyMaterialLengths;
import io.ike4j.core.crypto.Prf;
import io.ike4j.core.crypto.RandomSource;
import io.ike4j.core.crypto.SkProtections;
import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.KeyExchangeMethod;
import io.ike4j.core.proposal.PrfAlgorithm;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Every primitive BouncyCastle may serve ({@code --crypto-provider ...=bc}) interoperates with the JDK's, both ways:
 * the key exchange secrets agree, signatures made by one verify with the other (IKE's ECDSA r||s of RFC 4754 and the
 * DER of RFC 7427), SK payloads sealed by one open with the other, and the PRF gives the same bytes.
 */
class BouncyCastleInteropTest {
    private static final CryptoProviders BC = bc();
    private final RandomSource random = RandomSource.secure();

    private static CryptoProviders bc() {
        try {
            return CryptoProviderOption.parse("all=bc");
        } catch (CryptoProviderOption.SpecException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @EnumSource(value = KeyExchangeMethod.class, names = {"CURVE25519", "CURVE448", "ECP_256", "ECP_384", "MODP_2048", "ML_KEM_768"})
    void keyExchangeSecretsAgreeBothWays(KeyExchangeMethod m) throws Exception {
        CryptoProvider bc = BC.keyExchange(m);
        assertThat(bc.toString()).contains("BC");
        for (CryptoProvider[] pair : new CryptoProvider[][] {{bc, CryptoProvider.jca()}, {CryptoProvider.jca(), bc}}) {
            KeyExchange i = KeyExchanges.initiate(m, random, pair[0]);
            KeyExchangeResponse r = KeyExchanges.respond(m, i.publicValue(), random, pair[1]);
            assertThat(i.sharedSecret(r.publicValue())).isEqualTo(r.sharedSecret()).isNotEqualTo(new byte[r.sharedSecret().length]);
        }
    }

    @Test
    void bouncyCastleX25519RefusesTheAllZeroSecretAsTheJdkDoes() {
        // RFC 7748 6.1 / RFC 8031 2.3: the point of order 1 (u = 0) gives an all-zero secret, which must be refused
        byte[] zeroPoint = new byte[32];
        for (CryptoProvider p : new CryptoProvider[] {BC.keyExchange(KeyExchangeMethod.CURVE25519), CryptoProvider.jca()}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> KeyExchanges.respond(KeyExchangeMethod.CURVE25519, zeroPoint, random, p))
                    .isInstanceOf(io.ike4j.core.crypto.KeyExchangeException.class);
        }
    }

    private static KeyPair keyPair(String alg, String curveOrBits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
        if (alg.equals("EC")) g.initialize(new ECGenParameterSpec(curveOrBits));
        if (alg.equals("RSA")) g.initialize(Integer.parseInt(curveOrBits));
        return g.generateKeyPair();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ECDSA_P256_SHA256_RAW", "ECDSA_SHA256", "ECDSA_SHA384", "ED25519", "ED448", "RSA_PSS_SHA256", "RSA_PKCS1_SHA256"})
    void signaturesVerifyAcrossProvidersBothWays(String schemeName) throws Exception {
        SignatureScheme scheme = SignatureScheme.valueOf(schemeName);
        KeyPair kp = switch (scheme.family()) {
            case ECDSA_RAW, ECDSA_DER -> keyPair("EC", "secp256r1");
            case EDDSA -> keyPair(scheme == SignatureScheme.ED25519 ? "Ed25519" : "Ed448", "");
            case RSA, RSA_PSS -> keyPair("RSA", "2048");
        };
        PrivateKeyStore jdkStore = PrivateKeyStore.builder(random).add(new KeyRef("k"), PrivateKeyHandle.of(kp)).build();
        PrivateKeyStore bcStore = jdkStore.withProviders(BC);
        byte[] octets = random.bytes(300);
        SignatureVerifier jdkVerifier = new SignatureVerifier();
        SignatureVerifier bcVerifier = new SignatureVerifier(SignatureVerifier.DEFAULT_MIN_RSA_BITS, BC);
        int salt = scheme.defaultSaltLength();
        for (PrivateKeyStore signer : new PrivateKeyStore[] {bcStore, jdkStore}) {
            SignResult r = signer.sign(new KeyRef("k"), scheme, octets);
            assertThat(r).isInstanceOf(SignResult.Signed.class);
            byte[] sig = ((SignResult.Signed) r).signature();
            assertThat(jdkVerifier.verify(kp.getPublic(), scheme, salt, octets, sig).isValid()).isTrue();
            assertThat(bcVerifier.verify(kp.getPublic(), scheme, salt, octets, sig).isValid()).isTrue();
            byte[] other = octets.clone();
            other[0] ^= 1;
            assertThat(bcVerifier.verify(kp.getPublic(), scheme, salt, other, sig).isValid()).isFalse();
        }
    }

    @Test
    void ecdsaRawRsIsTheDerSignaturesIntegersPadded() throws Exception {
        // RFC 4754 7: r and s as fixed-length big-endian integers; the same signature in DER verifies with both providers
        KeyPair kp = keyPair("EC", "secp256r1");
        byte[] octets = random.bytes(200);
        SignResult r = PrivateKeyStore.builder(random).add(new KeyRef("k"), PrivateKeyHandle.of(kp)).build().withProviders(BC)
                .sign(new KeyRef("k"), SignatureScheme.ECDSA_P256_SHA256_RAW, octets);
        byte[] raw = ((SignResult.Signed) r).signature();
        assertThat(raw).hasSize(64);
        byte[] der = derOf(new BigInteger(1, Arrays.copyOfRange(raw, 0, 32)), new BigInteger(1, Arrays.copyOfRange(raw, 32, 64)));
        for (java.security.Provider p : new java.security.Provider[] {BC.provider(CryptoPrimitive.ECDSA).orElseThrow(), null}) {
            Signature v = p == null ? Signature.getInstance("SHA256withECDSA") : Signature.getInstance("SHA256withECDSA", p);
            v.initVerify(kp.getPublic());
            v.update(octets);
            assertThat(v.verify(der)).isTrue();
        }
    }

    private static byte[] derOf(BigInteger r, BigInteger s) {
        byte[] rb = r.toByteArray();
        byte[] sb = s.toByteArray();
        byte[] out = new byte[2 + 2 + rb.length + 2 + sb.length];
        int i = 0;
        out[i++] = 0x30;
        out[i++] = (byte) (out.length - 2);
        out[i++] = 0x02;
        out[i++] = (byte) rb.length;
        System.arraycopy(rb, 0, out, i, rb.length);
        i += rb.length;
        out[i++] = 0x02;
        out[i++] = (byte) sb.length;
        System.arraycopy(sb, 0, out, i, sb.length);
        return out;
    }

    @ParameterizedTest
    @EnumSource(value = EncryptionAlgorithm.class, names = {"AES_GCM_16", "CHACHA20_POLY1305"})
    void aeadSkPayloadsOpenAcrossProviders(EncryptionAlgorithm alg) {
        int bits = alg == EncryptionAlgorithm.AES_GCM_16 ? 256 : 0;
        byte[] key = random.bytes(KeyMaterialLengths.encryption(alg, bits));
        EncryptedPayloadProtection bc = SkProtections.forDirection(alg, bits, null, key.clone(), null, random, BC);
        EncryptedPayloadProtection jdk = SkProtections.forDirection(alg, bits, null, key.clone(), null, random);
        byte[] prefix = random.bytes(32);
        byte[] plain = random.bytes(1024);
        for (EncryptedPayloadProtection[] pair : new EncryptedPayloadProtection[][] {{bc, jdk}, {jdk, bc}}) {
            byte[] body = pair[0].seal(prefix, plain);
            byte[] msg = new byte[prefix.length + body.length];
            System.arraycopy(prefix, 0, msg, 0, prefix.length);
            System.arraycopy(body, 0, msg, prefix.length, body.length);
            assertThat(pair[1].open(msg, prefix.length, body.length)).hasValue(plain);
            msg[msg.length - 1] ^= 1;
            assertThat(pair[1].open(msg, prefix.length, body.length)).isEmpty();
        }
    }

    @Test
    void thePrfGivesTheSameBytes() {
        byte[] key = random.bytes(32);
        byte[] data = random.bytes(500);
        assertThat(Prf.of(PrfAlgorithm.HMAC_SHA2_256, BC.mac()).compute(key, data))
                .isEqualTo(Prf.of(PrfAlgorithm.HMAC_SHA2_256).compute(key, data));
    }
}
