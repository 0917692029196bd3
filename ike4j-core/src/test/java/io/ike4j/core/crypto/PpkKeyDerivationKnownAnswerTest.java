package io.ike4j.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.proposal.PrfAlgorithm;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The RFC 9867 key schedule computed here independently with javax.crypto.Mac and compared with
 * {@link PpkKeyDerivation}: PPK Confirmation = prf(PPK, Ni | Nr | SPIi | SPIr)[0:8] (3.1); SKEYSEED' = prf+(PPK, SK_d)
 * as long as SK_d, then {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr} = prf+(SKEYSEED', Ni | Nr | SPIi | SPIr)
 * (3.2.1), with prf+ as in RFC 7296 2.13 (T1 = prf(K, S | 0x01), Tn = prf(K, Tn-1 | S | n)).
 */
class PpkKeyDerivationKnownAnswerTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hmac(String mac, byte[] key, byte[]... data) throws Exception {
        Mac m = Mac.getInstance(mac);
        m.init(new SecretKeySpec(key, mac));
        for (byte[] d : data) m.update(d);
        return m.doFinal();
    }

    private static byte[] prfPlus(String mac, byte[] key, byte[] seed, int length) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] t = new byte[0];
        for (int n = 1; out.size() < length; n++) {
            t = hmac(mac, key, t, seed, new byte[] {(byte) n});
            out.write(t);
        }
        return Arrays.copyOf(out.toByteArray(), length);
    }

    private static byte[] pattern(int length, int start) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) b[i] = (byte) (start + i);
        return b;
    }

    @ParameterizedTest(name = "{0}, integrity {2} / encryption {3} octets")
    @CsvSource({
        "HMAC_SHA2_256, HmacSHA256,  0, 36", // AES-256-GCM: no SK_a, 32-octet key + 4-octet salt
        "HMAC_SHA2_384, HmacSHA384,  0, 20", // AES-128-GCM
        "HMAC_SHA2_512, HmacSHA512, 64, 32", // AES-256-CBC with HMAC-SHA2-512-256
        "HMAC_SHA1,     HmacSHA1,   20, 16", // AES-128-CBC with HMAC-SHA1-96
    })
    void ppkMixedKeysMatchAnIndependentComputation(String prfName, String mac, int integ, int encr) throws Exception {
        Prf prf = Prf.of(PrfAlgorithm.valueOf(prfName));
        int prfLength = prf.outputLength();
        byte[] ppk = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        byte[] skD = pattern(prfLength, 0xa0);
        byte[] ni = pattern(32, 0x10);
        byte[] nr = pattern(48, 0x40);
        byte[] spiI = HEX.parseHex("0123456789abcdef");
        byte[] spiR = HEX.parseHex("fedcba9876543210");

        byte[] expectedConfirmation = Arrays.copyOf(hmac(mac, ppk, ni, nr, spiI, spiR), 8);
        assertThat(PpkKeyDerivation.confirmation(prf, ppk, ni, nr, spiI, spiR)).isEqualTo(expectedConfirmation);

        byte[] skeyseed = prfPlus(mac, ppk, skD, prfLength);
        byte[] seed = new ByteArrayOutputStream() {{ writeBytes(ni); writeBytes(nr); writeBytes(spiI); writeBytes(spiR); }}
                .toByteArray();
        int total = 3 * prfLength + 2 * integ + 2 * encr;
        byte[] stream = prfPlus(mac, skeyseed, seed, total);
        int o = 0;
        byte[] d = Arrays.copyOfRange(stream, o, o += prfLength);
        byte[] ai = Arrays.copyOfRange(stream, o, o += integ);
        byte[] ar = Arrays.copyOfRange(stream, o, o += integ);
        byte[] ei = Arrays.copyOfRange(stream, o, o += encr);
        byte[] er = Arrays.copyOfRange(stream, o, o += encr);
        byte[] pi = Arrays.copyOfRange(stream, o, o += prfLength);
        byte[] pr = Arrays.copyOfRange(stream, o, o += prfLength);

        IkeSaKeys k = PpkKeyDerivation.ikeSaKeys(prf, ppk, skD, ni, nr, spiI, spiR, new IkeKeyLengths(prfLength, integ, encr));
        assertThat(k.skD()).isEqualTo(d).isNotEqualTo(skD);
        assertThat(k.skAi()).isEqualTo(ai);
        assertThat(k.skAr()).isEqualTo(ar);
        assertThat(k.skEi()).isEqualTo(ei);
        assertThat(k.skEr()).isEqualTo(er);
        assertThat(k.skPi()).isEqualTo(pi);
        assertThat(k.skPr()).isEqualTo(pr);
    }

    @ParameterizedTest(name = "PPK of {0} octets")
    @CsvSource({"1", "32", "100"})
    void anyPpkLengthIsAKeyForThePrf(int length) throws Exception {
        Prf prf = Prf.of(PrfAlgorithm.HMAC_SHA2_256);
        byte[] ppk = pattern(length, 7);
        byte[] skD = pattern(32, 0x33);
        assertThat(PpkKeyDerivation.ikeSaKeys(prf, ppk, skD, pattern(16, 1), pattern(16, 2), new byte[8], new byte[8],
                new IkeKeyLengths(32, 0, 20)).skD())
                .isEqualTo(Arrays.copyOf(prfPlus("HmacSHA256", prfPlus("HmacSHA256", ppk, skD, 32),
                        new ByteArrayOutputStream() {{ writeBytes(pattern(16, 1)); writeBytes(pattern(16, 2));
                            writeBytes(new byte[16]); }}.toByteArray(), 32), 32));
    }

    /**
     * A fixed vector computed outside Java (Python's hmac/hashlib, HMAC-SHA2-256, AES-128-CBC with
     * HMAC-SHA2-256-128 key lengths), so the implementation and the helper above cannot drift together. The inputs
     * follow libreswan's calc_PPK_IDENTITY_KEY_confirmation and ikev2_IKE_INTERMEDIATE_ppk_skeyseed (SKEYSEED' =
     * prf+(PPK, SK_d), preferred-key-length long), which match draft-ietf-ipsecme-ikev2-qr-alt-10 "Computing IKE SA
     * Keys" as quoted in libreswan issue 2374.
     */
    @Test
    void fixedVectorFromAnIndependentImplementation() throws Exception {
        Prf prf = Prf.of(PrfAlgorithm.HMAC_SHA2_256);
        byte[] ppk = HEX.parseHex("5050b2b5c0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b");
        byte[] skD = pattern(32, 0x20);
        byte[] ni = pattern(32, 0x80);
        byte[] nr = pattern(32, 0xc0);
        byte[] spiI = HEX.parseHex("1122334455667788");
        byte[] spiR = HEX.parseHex("99aabbccddeeff00");

        assertThat(HEX.formatHex(PpkKeyDerivation.confirmation(prf, ppk, ni, nr, spiI, spiR))).isEqualTo("6ae2154a372c8061");
        IkeSaKeys k = PpkKeyDerivation.ikeSaKeys(prf, ppk, skD, ni, nr, spiI, spiR, new IkeKeyLengths(32, 32, 16));
        assertThat(HEX.formatHex(k.skD())).isEqualTo("e47ac1f038c57f4c3cffe68b0badd288976691d6bfab3170e4cd82c9a6afca2c");
        assertThat(HEX.formatHex(k.skAi())).isEqualTo("5fb63365f6e518bb64fac7cf4c70195512b42db04b99ccdb2cba0b0a43b5b6be");
        assertThat(HEX.formatHex(k.skAr())).isEqualTo("d131eb60d2696b00b98d7deee5b50d961591f17bb67dff2beb2c9db0fc6037f5");
        assertThat(HEX.formatHex(k.skEi())).isEqualTo("d0940a2d3830757fb79ca801a3230608");
        assertThat(HEX.formatHex(k.skEr())).isEqualTo("300286194db046945ddc503b86567694");
        assertThat(HEX.formatHex(k.skPi())).isEqualTo("84f86317bb349263d6a7a516a35800ebe4fdef3988640b1f0b8ec8ba6b23d1b0");
        assertThat(HEX.formatHex(k.skPr())).isEqualTo("4096c66706b0ab76e10e102d472a0f51a26c63df344f00f720848c3ebfe4e419");
        // SKEYSEED' is prf+ (T1 = prf(PPK, SK_d | 0x01)), not a single prf(PPK, SK_d): the two differ
        byte[] withPlainPrf = prfPlus("HmacSHA256", hmac("HmacSHA256", ppk, skD),
                new ByteArrayOutputStream() {{ writeBytes(ni); writeBytes(nr); writeBytes(spiI); writeBytes(spiR); }}
                        .toByteArray(), 32);
        assertThat(k.skD()).isNotEqualTo(withPlainPrf);
    }
}
