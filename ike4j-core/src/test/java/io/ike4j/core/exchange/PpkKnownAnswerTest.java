package io.ike4j.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.crypto.Prf;
import io.ike4j.core.proposal.PrfAlgorithm;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 8784 3: SK_d = prf+(PPK, SK_d') (and so for SK_pi, SK_pr), each as long as the key it replaces, checked
 * against prf+ (RFC 7296 2.13: T1 = prf(K, S | 0x01), Tn = prf(K, Tn-1 | S | n)) computed here with javax.crypto.Mac.
 */
class PpkKnownAnswerTest {

    private static byte[] prfPlus(String mac, byte[] key, byte[] seed, int length) throws Exception {
        Mac m = Mac.getInstance(mac);
        m.init(new SecretKeySpec(key, mac));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] t = new byte[0];
        for (int n = 1; out.size() < length; n++) {
            m.update(t);
            m.update(seed);
            m.update((byte) n);
            t = m.doFinal();
            out.write(t);
        }
        return Arrays.copyOf(out.toByteArray(), length);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "HMAC_SHA2_256, HmacSHA256, 32",
        "HMAC_SHA2_384, HmacSHA384, 48",
        "HMAC_SHA2_512, HmacSHA512, 64",
        "HMAC_SHA1,     HmacSHA1,   20",
    })
    void mixedKeysArePrfPlusOfThePpkOverTheOldKey(String prf, String mac, int keyLength) throws Exception {
        byte[] ppk = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        byte[] skD = new byte[keyLength];
        for (int i = 0; i < keyLength; i++) skD[i] = (byte) (0xa0 + i);
        byte[] mixed = PpkUnit.mix(Prf.of(PrfAlgorithm.valueOf(prf)), ppk, skD);
        assertThat(mixed).hasSize(keyLength).isEqualTo(prfPlus(mac, ppk, skD, keyLength)).isNotEqualTo(skD);
    }

    @ParameterizedTest(name = "{0} over {2} octets")
    @CsvSource({"HMAC_SHA2_256, HmacSHA256, 80", "HMAC_SHA1, HmacSHA1, 45"})
    void longerKeysTakeSeveralPrfPlusBlocks(String prf, String mac, int keyLength) throws Exception {
        byte[] ppk = "a postquantum preshared key".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] key = new byte[keyLength];
        Arrays.fill(key, (byte) 0x5c);
        assertThat(PpkUnit.mix(Prf.of(PrfAlgorithm.valueOf(prf)), ppk, key)).isEqualTo(prfPlus(mac, ppk, key, keyLength));
    }
}
