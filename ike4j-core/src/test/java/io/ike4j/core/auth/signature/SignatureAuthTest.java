package io.ike4j.core.auth.signature;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.auth.keys.KeyKind;
import io.ike4j.core.auth.keys.KeyRef;
import io.ike4j.core.auth.keys.PrivateKeyStore;
import io.ike4j.core.auth.keys.SignResult;
import io.ike4j.core.auth.keys.SignatureVerifier;
import io.ike4j.core.auth.keys.TestKeys;
import io.ike4j.core.codec.payload.AuthMethod;
import io.ike4j.core.codec.payload.AuthenticationPayload;
import io.ike4j.core.crypto.RandomSource;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignatureAuthTest {
    private static final byte[] OCTETS = "RealMessage1 | NonceRData | MACedIDForI".getBytes(StandardCharsets.US_ASCII);
    private static final Set<HashAlgorithm> ALL = EnumSet.allOf(HashAlgorithm.class);
    private final SignatureVerifier verifier = new SignatureVerifier();

    static KeyKind keyFor(SignatureScheme s) {
        for (KeyKind k : List.of(KeyKind.RSA, KeyKind.ECDSA_P256, KeyKind.ECDSA_P384, KeyKind.ECDSA_P521, KeyKind.ED25519, KeyKind.ED448)) {
            if (s.fits(k)) return k;
        }
        throw new AssertionError(s);
    }

    private static PrivateKeyStore store(KeyKind kind) {
        return PrivateKeyStore.builder(RandomSource.secure()).add(new KeyRef("k"), TestKeys.handle(kind)).build();
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void everySchemeRoundTripsThroughAuthPayload(SignatureScheme scheme) {
        KeyKind kind = keyFor(scheme);
        PrivateKeyStore store = store(kind);
        SchemeChoice choice = new SchemeChoice(AuthDataCodec.methodFor(scheme, true), scheme);
        SignatureAuth.Created created = SignatureAuth.sign(store, new KeyRef("k"), choice, OCTETS);
        assertThat(created).isInstanceOf(SignatureAuth.Created.Payload.class);
        AuthenticationPayload auth = ((SignatureAuth.Created.Payload) created).payload();
        assertThat(auth.method()).isEqualTo(choice.method().value());

        VerifyResult ok = SignatureAuth.verify(verifier, TestKeys.pair(kind).getPublic(), auth, OCTETS, ALL);
        assertThat(ok).isEqualTo(new VerifyResult.Valid(scheme));

        byte[] other = OCTETS.clone();
        other[0] ^= 1;
        VerifyResult bad = SignatureAuth.verify(verifier, TestKeys.pair(kind).getPublic(), auth, other, ALL);
        assertThat(bad).isInstanceOfSatisfying(VerifyResult.Invalid.class,
                i -> assertThat(i.reason()).isEqualTo(AuthFailure.BAD_SIGNATURE));
    }

    @Test
    void pssUsesHashLengthSaltAndStrongSwanParameters() {
        SignResult r = store(KeyKind.RSA).sign(new KeyRef("k"), SignatureScheme.RSA_PSS_SHA384, OCTETS);
        assertThat(r).isInstanceOfSatisfying(SignResult.Signed.class, s -> assertThat(s.saltLength()).isEqualTo(48));
        byte[] data = AuthDataCodec.encode(AuthMethod.DIGITAL_SIGNATURE, SignatureScheme.RSA_PSS_SHA384, 48,
                ((SignResult.Signed) r).signature());
        AuthDataResult parsed = AuthDataCodec.decode(14, data);
        assertThat(parsed).isInstanceOfSatisfying(AuthDataResult.Parsed.class, p -> {
            assertThat(p.signature().scheme()).isEqualTo(SignatureScheme.RSA_PSS_SHA384);
            assertThat(p.signature().saltLength()).isEqualTo(48);
        });
    }

    @Test
    void schemeOfWrongKeyTypeIsRefused() {
        AuthenticationPayload auth = ((SignatureAuth.Created.Payload) SignatureAuth.sign(store(KeyKind.ECDSA_P256),
                new KeyRef("k"), new SchemeChoice(AuthMethod.DIGITAL_SIGNATURE, SignatureScheme.ECDSA_SHA256), OCTETS)).payload();
        VerifyResult r = SignatureAuth.verify(verifier, TestKeys.pair(KeyKind.RSA).getPublic(), auth, OCTETS, ALL);
        assertThat(r).isInstanceOfSatisfying(VerifyResult.Invalid.class, i -> assertThat(i.reason()).isEqualTo(AuthFailure.KEY_MISMATCH));
        // method 9 requires P-256: a P-384 key does not fit
        AuthenticationPayload m9 = ((SignatureAuth.Created.Payload) SignatureAuth.sign(store(KeyKind.ECDSA_P256),
                new KeyRef("k"), new SchemeChoice(AuthMethod.ECDSA_SHA256_P256, SignatureScheme.ECDSA_P256_SHA256_RAW), OCTETS)).payload();
        assertThat(SignatureAuth.verify(verifier, TestKeys.pair(KeyKind.ECDSA_P384).getPublic(), m9, OCTETS, ALL))
                .isInstanceOfSatisfying(VerifyResult.Invalid.class, i -> assertThat(i.reason()).isEqualTo(AuthFailure.KEY_MISMATCH));
    }

    @Test
    void signerRefusesMismatchedSchemeAndUnknownKey() {
        PrivateKeyStore s = store(KeyKind.ED25519);
        assertThat(s.sign(new KeyRef("k"), SignatureScheme.RSA_PKCS1_SHA256, OCTETS))
                .isInstanceOfSatisfying(SignResult.Failed.class, f -> assertThat(f.reason()).isEqualTo(SignResult.Reason.SCHEME_MISMATCH));
        assertThat(s.sign(new KeyRef("nope"), SignatureScheme.ED25519, OCTETS))
                .isInstanceOfSatisfying(SignResult.Failed.class, f -> assertThat(f.reason()).isEqualTo(SignResult.Reason.UNKNOWN_KEY));
        assertThat(s.toString()).contains("ED25519").doesNotContain("PrivateKeyImpl");
    }

    @Test
    void hashNotAnnouncedIsRefused() {
        AuthenticationPayload auth = ((SignatureAuth.Created.Payload) SignatureAuth.sign(store(KeyKind.RSA), new KeyRef("k"),
                new SchemeChoice(AuthMethod.DIGITAL_SIGNATURE, SignatureScheme.RSA_PKCS1_SHA512), OCTETS)).payload();
        VerifyResult r = SignatureAuth.verify(verifier, TestKeys.pair(KeyKind.RSA).getPublic(), auth, OCTETS,
                Set.of(HashAlgorithm.SHA2_256));
        assertThat(r).isInstanceOfSatisfying(VerifyResult.Invalid.class, i -> assertThat(i.reason()).isEqualTo(AuthFailure.HASH_NOT_ANNOUNCED));
    }

    @Test
    void weakRsaKeyIsRefused() {
        var pair = TestKeys.rsa(1024);
        PrivateKeyStore s;
        try {
            s = PrivateKeyStore.builder(RandomSource.secure()).add(new KeyRef("w"), io.ike4j.core.auth.keys.PrivateKeyHandle.of(pair)).build();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        AuthenticationPayload auth = ((SignatureAuth.Created.Payload) SignatureAuth.sign(s, new KeyRef("w"),
                new SchemeChoice(AuthMethod.DIGITAL_SIGNATURE, SignatureScheme.RSA_PKCS1_SHA256), OCTETS)).payload();
        assertThat(SignatureAuth.verify(verifier, pair.getPublic(), auth, OCTETS, ALL))
                .isInstanceOfSatisfying(VerifyResult.Invalid.class, i -> assertThat(i.reason()).isEqualTo(AuthFailure.WEAK_KEY));
    }

    @Test
    void choosesClassicMethodsWithoutRfc7427AndNegotiatedHashWithIt() {
        List<HashAlgorithm> ours = SignatureHashAlgorithms.DEFAULT;
        assertThat(SignatureAuth.choose(KeyKind.RSA, Optional.empty(), ours, false))
                .contains(new SchemeChoice(AuthMethod.RSA_DIGITAL_SIGNATURE, SignatureScheme.RSA_PKCS1_SHA1));
        assertThat(SignatureAuth.choose(KeyKind.ECDSA_P384, Optional.empty(), ours, false))
                .contains(new SchemeChoice(AuthMethod.ECDSA_SHA384_P384, SignatureScheme.ECDSA_P384_SHA384_RAW));
        assertThat(SignatureAuth.choose(KeyKind.ED25519, Optional.empty(), ours, false)).isEmpty();

        Optional<List<HashAlgorithm>> peer = Optional.of(List.of(HashAlgorithm.SHA2_512, HashAlgorithm.SHA2_384, HashAlgorithm.IDENTITY));
        assertThat(SignatureAuth.choose(KeyKind.RSA, peer, ours, true))
                .contains(new SchemeChoice(AuthMethod.DIGITAL_SIGNATURE, SignatureScheme.RSA_PSS_SHA384));
        assertThat(SignatureAuth.choose(KeyKind.RSA, peer, ours, false))
                .contains(new SchemeChoice(AuthMethod.DIGITAL_SIGNATURE, SignatureScheme.RSA_PKCS1_SHA384));
        assertThat(SignatureAuth.choose(KeyKind.ECDSA_P521, peer, ours, false))
                .contains(new SchemeChoice(AuthMethod.DIGITAL_SIGNATURE, SignatureScheme.ECDSA_SHA512));
        assertThat(SignatureAuth.choose(KeyKind.ED448, peer, ours, false))
                .contains(new SchemeChoice(AuthMethod.DIGITAL_SIGNATURE, SignatureScheme.ED448));
        assertThat(SignatureAuth.choose(KeyKind.ED25519, Optional.of(List.of(HashAlgorithm.SHA2_256)), ours, false)).isEmpty();
    }
}
