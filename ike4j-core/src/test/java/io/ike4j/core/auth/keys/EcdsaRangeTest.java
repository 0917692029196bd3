package io.ike4j.core.auth.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.auth.signature.AuthFailure;
import io.ike4j.core.auth.signature.SignatureScheme;
import io.ike4j.core.auth.signature.VerifyResult;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Issue 7 (adversarial suite, signatures): ECDSA r or s outside [1, n-1] is refused with an explanation, never an exception's name. */
class EcdsaRangeTest {
    private static final byte[] OCTETS = "signed octets".getBytes(StandardCharsets.US_ASCII);

    @Test
    void outOfRangeDerSignaturesAreExplainedAndAValidOneStillVerifies() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair k = g.generateKeyPair();
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(k.getPrivate());
        s.update(OCTETS);
        byte[] good = s.sign();
        BigInteger[] rs = rs(good);
        BigInteger n = ((ECPublicKey) k.getPublic()).getParams().getOrder();
        SignatureVerifier v = new SignatureVerifier();

        assertThat(v.verify(k.getPublic(), SignatureScheme.ECDSA_SHA256, 0, OCTETS, good)).isInstanceOf(VerifyResult.Valid.class);
        for (BigInteger[] bad : new BigInteger[][] {{BigInteger.ZERO, rs[1]}, {rs[0], BigInteger.ZERO}, {n, rs[1]}, {rs[0], rs[1].add(n)},
                {rs[0].negate(), rs[1]}}) {
            VerifyResult r = v.verify(k.getPublic(), SignatureScheme.ECDSA_SHA256, 0, OCTETS, der(bad[0], bad[1]));
            assertThat(r).isInstanceOfSatisfying(VerifyResult.Invalid.class, i -> {
                assertThat(i.reason()).isEqualTo(AuthFailure.BAD_SIGNATURE);
                assertThat(i.detail()).contains("not in [1, n-1]").doesNotContain("Exception");
            });
        }
    }

    @Test
    void malformedDerIsRefusedWithoutNamingAnException() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair k = g.generateKeyPair();
        byte[] junk = new byte[20];
        Arrays.fill(junk, (byte) 0x30);
        VerifyResult r = new SignatureVerifier().verify(k.getPublic(), SignatureScheme.ECDSA_SHA256, 0, OCTETS, junk);
        assertThat(r).isInstanceOfSatisfying(VerifyResult.Invalid.class, i -> assertThat(i.detail()).doesNotContain("Exception"));
    }

    private static BigInteger[] rs(byte[] der) {
        int i = der[1] == (byte) 0x81 ? 3 : 2;
        int rl = der[i + 1];
        BigInteger r = new BigInteger(Arrays.copyOfRange(der, i + 2, i + 2 + rl));
        i += 2 + rl;
        return new BigInteger[] {r, new BigInteger(Arrays.copyOfRange(der, i + 2, i + 2 + der[i + 1]))};
    }

    private static byte[] der(BigInteger r, BigInteger s) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (BigInteger x : new BigInteger[] {r, s}) {
            byte[] b = x.toByteArray();
            body.write(2);
            body.write(b.length);
            body.writeBytes(b);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        out.write(body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }
}
