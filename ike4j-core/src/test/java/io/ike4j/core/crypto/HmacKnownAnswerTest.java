package io.ike4j.core.crypto;

import static io.ike4j.core.crypto.TestRandom.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ike4j.core.proposal.IntegrityAlgorithm;
import io.ike4j.core.proposal.PrfAlgorithm;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** PRF and integrity known answers: RFC 2202 (HMAC-SHA1), RFC 4231 (HMAC-SHA-2), RFC 4868 (truncation). */
class HmacKnownAnswerTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] repeat(int b, int n) {
        byte[] out = new byte[n];
        Arrays.fill(out, (byte) b);
        return out;
    }

    private static final byte[] HI_THERE = ascii("Hi There");
    private static final byte[] JEFE = ascii("Jefe");
    private static final byte[] WHAT = ascii("what do ya want for nothing?");
    private static final byte[] LARGE_KEY_FIRST = ascii("Test Using Larger Than Block-Size Key - Hash Key First");

    @Test
    void rfc2202HmacSha1() {
        Prf prf = Prf.of(PrfAlgorithm.HMAC_SHA1);
        assertThat(prf.compute(repeat(0x0b, 20), HI_THERE)).isEqualTo(hex("b617318655057264e28bc0b6fb378c8ef146be00"));
        assertThat(prf.compute(JEFE, WHAT)).isEqualTo(hex("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"));
        assertThat(prf.compute(repeat(0xaa, 80), LARGE_KEY_FIRST))
                .isEqualTo(hex("aa4ae5e15272d00e95705637ce8a3b55ed402112"));
        assertThat(prf.outputLength()).isEqualTo(20);
    }

    @Test
    void rfc4231HmacSha256() {
        Prf prf = Prf.of(PrfAlgorithm.HMAC_SHA2_256);
        assertThat(prf.compute(repeat(0x0b, 20), HI_THERE))
                .isEqualTo(hex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"));
        assertThat(prf.compute(JEFE, WHAT))
                .isEqualTo(hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
        assertThat(prf.compute(repeat(0xaa, 131), LARGE_KEY_FIRST))
                .isEqualTo(hex("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"));
    }

    @Test
    void rfc4231HmacSha384() {
        Prf prf = Prf.of(PrfAlgorithm.HMAC_SHA2_384);
        assertThat(prf.compute(repeat(0x0b, 20), HI_THERE)).isEqualTo(hex(
                "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6"));
        assertThat(prf.compute(JEFE, WHAT)).isEqualTo(hex(
                "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649"));
        assertThat(prf.compute(repeat(0xaa, 131), LARGE_KEY_FIRST)).isEqualTo(hex(
                "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952"));
    }

    @Test
    void rfc4231HmacSha512() {
        Prf prf = Prf.of(PrfAlgorithm.HMAC_SHA2_512);
        assertThat(prf.compute(repeat(0x0b, 20), HI_THERE)).isEqualTo(hex(
                "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
                        + "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"));
        assertThat(prf.compute(JEFE, WHAT)).isEqualTo(hex(
                "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
                        + "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"));
        assertThat(prf.compute(repeat(0xaa, 131), LARGE_KEY_FIRST)).isEqualTo(hex(
                "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352"
                        + "6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598"));
    }

    @Test
    void prfAcceptsDataInPiecesAndTheEmptyKey() {
        Prf prf = Prf.of(PrfAlgorithm.HMAC_SHA2_256);
        assertThat(prf.compute(JEFE, ascii("what do ya "), ascii("want for nothing?"))).isEqualTo(prf.compute(JEFE, WHAT));
        // HMAC-SHA256 with an empty key over the empty message (RFC 2104 zero-padding of the key).
        assertThat(prf.compute(new byte[0]))
                .isEqualTo(hex("b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad"));
    }

    @Test
    void rfc4868AuthenticationVectorsAreTruncatedToHalf() {
        Integrity sha256 = Integrity.of(IntegrityAlgorithm.HMAC_SHA2_256_128);
        // RFC 4868 2.7.2.1: 32-byte keys.
        assertThat(sha256.compute(repeat(0x0b, 32), HI_THERE)).isEqualTo(hex("198a607eb44bfbc69903a0f1cf2bbdc5"));
        byte[] jefe32 = hex("4a6566654a6566654a6566654a6566654a6566654a6566654a6566654a656665");
        assertThat(sha256.compute(jefe32, WHAT)).isEqualTo(hex("167f928588c5cc2eef8e3093caa0e87c"));
        // RFC 4231 4.6 (test case 5): truncation to 128 bits.
        byte[] trunc = sha256.compute(repeat(0x0c, 20), ascii("Test With Truncation"));
        assertThat(trunc).isEqualTo(hex("a3b6167473100ee06e0c796c2955552b"));
    }

    @Test
    void integrityLengthsMatchRfc4868AndRfc2404() {
        Object[][] cases = {
            {IntegrityAlgorithm.HMAC_SHA1_96, 20, 12, "HmacSHA1"},
            {IntegrityAlgorithm.HMAC_SHA2_256_128, 32, 16, "HmacSHA256"},
            {IntegrityAlgorithm.HMAC_SHA2_384_192, 48, 24, "HmacSHA384"},
            {IntegrityAlgorithm.HMAC_SHA2_512_256, 64, 32, "HmacSHA512"},
        };
        for (Object[] c : cases) {
            Integrity integ = Integrity.of((IntegrityAlgorithm) c[0]);
            byte[] key = repeat(0x0b, (int) c[1]);
            byte[] icv = integ.compute(key, HI_THERE);
            assertThat(icv).hasSize((int) c[2]);
            assertThat(icv).isEqualTo(Arrays.copyOf(rawMac((String) c[3], key, HI_THERE), (int) c[2]));
        }
    }

    @Test
    void integrityVerifyIsExactAndBoundsSafe() {
        Integrity integ = Integrity.of(IntegrityAlgorithm.HMAC_SHA2_384_192);
        byte[] key = repeat(7, 48);
        byte[] data = ascii("xxpayloadyy");
        byte[] icv = integ.compute(key, data, 2, 7);
        byte[] withIcv = Arrays.copyOf(icv, icv.length + 3);
        assertThat(integ.verify(key, data, 2, 7, withIcv, 0)).isTrue();
        for (int i = 0; i < icv.length; i++) {
            byte[] bad = withIcv.clone();
            bad[i] ^= 1;
            assertThat(integ.verify(key, data, 2, 7, bad, 0)).isFalse();
        }
        assertThat(integ.verify(key, data, 2, 8, withIcv, 0)).isFalse();
        assertThat(integ.verify(key, data, 5, 7, withIcv, 0)).isFalse();
        assertThat(integ.verify(key, data, -1, 7, withIcv, 0)).isFalse();
        assertThat(integ.verify(key, data, 2, 7, withIcv, 4)).isFalse();
        assertThat(integ.verify(key, data, 2, 7, withIcv, -1)).isFalse();
    }

    @Test
    void unsupportedAlgorithmsAreRefused() {
        assertThat(Prf.isSupported(PrfAlgorithm.AES128_XCBC)).isFalse();
        assertThat(Integrity.isSupported(IntegrityAlgorithm.HMAC_MD5_96)).isFalse();
        assertThatThrownBy(() -> Prf.of(PrfAlgorithm.HMAC_MD5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Integrity.of(IntegrityAlgorithm.AES_XCBC_96))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static byte[] rawMac(String alg, byte[] key, byte[]... data) {
        try {
            Mac mac = Mac.getInstance(alg);
            mac.init(new SecretKeySpec(key, alg));
            for (byte[] d : data) mac.update(d);
            return mac.doFinal();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
