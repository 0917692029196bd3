package io.ike4j.core.auth.signature;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.auth.cert.CertificateRequests;
import io.ike4j.core.auth.keys.KeyKind;
import io.ike4j.core.auth.keys.KeyLoadException;
import io.ike4j.core.auth.keys.KeyParser;
import io.ike4j.core.auth.keys.SignatureVerifier;
import io.ike4j.core.auth.keys.TestKeys;
import io.ike4j.core.codec.payload.AuthMethod;
import io.ike4j.core.codec.payload.AuthenticationPayload;
import java.util.EnumSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Mutated input never escapes as an unchecked exception. */
class RobustnessTest {
    private static byte[] mutate(byte[] base, Random r) {
        byte[] b = r.nextInt(4) == 0 ? java.util.Arrays.copyOf(base, r.nextInt(base.length + 8)) : base.clone();
        int flips = 1 + r.nextInt(4);
        for (int i = 0; i < flips && b.length > 0; i++) b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        return b;
    }

    @Test
    void mutatedAuthDataIsRefusedNotThrown() {
        Random r = new Random(7427);
        SignatureVerifier verifier = new SignatureVerifier();
        byte[][] bases = new byte[SignatureScheme.values().length][];
        for (SignatureScheme s : SignatureScheme.values()) {
            byte[] sig = s.family() == SignatureScheme.Family.ECDSA_DER
                    ? io.ike4j.core.auth.der.Der.sequence(io.ike4j.core.auth.der.Der.integer(5), io.ike4j.core.auth.der.Der.integer(7))
                    : new byte[64];
            bases[s.ordinal()] = AuthDataCodec.encode(AuthDataCodec.methodFor(s, true), s, s.defaultSaltLength(), sig);
        }
        for (int i = 0; i < 20_000; i++) {
            SignatureScheme s = SignatureScheme.values()[r.nextInt(bases.length)];
            byte[] data = mutate(bases[s.ordinal()], r);
            int method = AuthDataCodec.methodFor(s, true).value();
            assertThat(AuthDataCodec.decode(method, data)).isNotNull();
            if (i % 50 == 0) {
                KeyKind kind = SignatureAuthTest.keyFor(s);
                VerifyResult v = SignatureAuth.verify(verifier, TestKeys.pair(kind).getPublic(), new AuthenticationPayload(method, data),
                        new byte[] {1}, EnumSet.allOf(HashAlgorithm.class));
                assertThat(v).isInstanceOf(VerifyResult.Invalid.class);
            }
        }
        assertThat(AuthDataCodec.decode(AuthMethod.SHARED_KEY_MIC.value(), new byte[0])).isInstanceOf(AuthDataResult.Refused.class);
    }

    @Test
    void mutatedKeyFilesAreTypedErrors() {
        Random r = new Random(8017);
        for (KeyKind kind : KeyKind.values()) {
            byte[] der = TestKeys.pair(kind).getPrivate().getEncoded();
            byte[] pub = TestKeys.pair(kind).getPublic().getEncoded();
            for (int i = 0; i < 300; i++) {
                try {
                    KeyParser.parsePrivate(mutate(der, r));
                } catch (KeyLoadException expected) {
                    // typed
                }
                try {
                    KeyParser.parsePublic(mutate(pub, r));
                } catch (KeyLoadException expected) {
                    // typed
                }
            }
        }
        for (int i = 0; i < 100; i++) {
            assertThat(CertificateRequests.decode(new byte[r.nextInt(100)])).isNotNull();
        }
    }
}
