package io.ike4j.core.exchange.v1;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.auth.keys.KeyKind;
import io.ike4j.core.auth.keys.KeyRef;
import io.ike4j.core.auth.keys.PrivateKeyHandle;
import io.ike4j.core.auth.keys.PrivateKeyStore;
import io.ike4j.core.auth.keys.SignResult;
import io.ike4j.core.auth.keys.TestKeys;
import io.ike4j.core.codec.v1.V1AuthMethod;
import io.ike4j.core.crypto.RandomSource;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** IKEv1 signatures over a bare hash (RFC 2409 5.1, RFC 4754): signer and verifier agree, and refuse what does not fit. */
class V1SigAuthTest {

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"RSA", "ECDSA_P256", "ECDSA_P384", "ECDSA_P521"})
    void signHashAndVerify(KeyKind kind) throws Exception {
        KeyPair kp = TestKeys.pair(kind);
        PrivateKeyStore store = PrivateKeyStore.builder(RandomSource.secure()).add(new KeyRef("k"), PrivateKeyHandle.of(kp)).build();
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(new byte[] {1, 2, 3});
        SignResult r = store.signHash(new KeyRef("k"), hash);
        assertThat(r).isInstanceOf(SignResult.Signed.class);
        byte[] sig = ((SignResult.Signed) r).signature();
        V1AuthMethod method = V1SigAuth.method(kind).orElseThrow();
        assertThat(V1SigAuth.verifySignature(kp.getPublic(), method, hash, sig)).isEmpty();
        byte[] other = hash.clone();
        other[0] ^= 1;
        assertThat(V1SigAuth.verifySignature(kp.getPublic(), method, other, sig)).isPresent();
        assertThat(V1SigAuth.verifySignature(kp.getPublic(), method, hash, java.util.Arrays.copyOf(sig, sig.length - 1))).isPresent();
        V1AuthMethod wrong = kind == KeyKind.RSA ? V1AuthMethod.ECDSA_SHA256_P256 : V1AuthMethod.RSA_SIGNATURES;
        assertThat(V1SigAuth.verifySignature(kp.getPublic(), wrong, hash, sig)).isPresent();
        if (kind == KeyKind.RSA) {
            // PKCS#1 v1.5 without DigestInfo: the hash itself is what the RSA operation recovers
            Signature v = Signature.getInstance("NONEwithRSA");
            v.initVerify(kp.getPublic());
            v.update(hash);
            assertThat(v.verify(sig)).isTrue();
        } else {
            assertThat(sig).hasSize(2 * kind.fieldBytes()); // r||s
        }
    }
}
