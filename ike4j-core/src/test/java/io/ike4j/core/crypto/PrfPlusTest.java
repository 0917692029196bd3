package io.ike4j.core.crypto;

import static io.ike4j.core.crypto.HmacKnownAnswerTest.rawMac;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ike4j.core.proposal.PrfAlgorithm;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** RFC 7296 2.13 prf+, checked against an independent construction from raw javax.crypto.Mac calls. */
class PrfPlusTest {

    /** T1 = prf(K, S | 0x01), Tn = prf(K, Tn-1 | S | n), straight from the RFC text. */
    static byte[] reference(String alg, byte[] key, byte[] seed, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] t = new byte[0];
        for (int n = 1; out.size() < length; n++) {
            t = rawMac(alg, key, t, seed, new byte[] {(byte) n});
            out.writeBytes(t);
        }
        return Arrays.copyOf(out.toByteArray(), length);
    }

    @Test
    void matchesTheRfcConstruction() throws Exception {
        byte[] key = TestRandom.hex("000102030405060708090a0b0c0d0e0f");
        byte[] seed = "seed material".getBytes();
        Prf prf = Prf.of(PrfAlgorithm.HMAC_SHA2_256);
        for (int len : new int[] {0, 1, 31, 32, 33, 100, 200}) {
            assertThat(PrfPlus.expand(prf, key, seed, len)).isEqualTo(reference("HmacSHA256", key, seed, len));
        }
        Prf sha1 = Prf.of(PrfAlgorithm.HMAC_SHA1);
        assertThat(PrfPlus.expand(sha1, key, seed, 77)).isEqualTo(reference("HmacSHA1", key, seed, 77));
    }

    @Test
    void firstBlockIsPrfOfSeedAndOne() throws Exception {
        Prf prf = Prf.of(PrfAlgorithm.HMAC_SHA2_512);
        byte[] key = {1, 2, 3};
        byte[] seed = {9, 9};
        assertThat(PrfPlus.expand(prf, key, seed, 64)).isEqualTo(prf.compute(key, new byte[] {9, 9, 1}));
    }

    @Test
    void enforcesThe255IterationLimit() throws Exception {
        Prf prf = Prf.of(PrfAlgorithm.HMAC_SHA1);
        byte[] key = {1};
        assertThat(PrfPlus.maxLength(prf)).isEqualTo(255 * 20);
        byte[] max = PrfPlus.expand(prf, key, new byte[0], 255 * 20);
        assertThat(max).hasSize(5100).isEqualTo(reference("HmacSHA1", key, new byte[0], 5100));
        assertThatThrownBy(() -> PrfPlus.expand(prf, key, new byte[0], 255 * 20 + 1))
                .isInstanceOfSatisfying(PrfPlusLengthException.class, e -> {
                    assertThat(e.requested()).isEqualTo(5101);
                    assertThat(e.maximum()).isEqualTo(5100);
                });
    }
}
