package io.ike4j.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.proposal.PrfAlgorithm;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * RFC 9370 2.2.4 key schedule with additional key exchanges (IKE_FOLLOWUP_KE), with the expected values computed here
 * from raw {@link Mac} calls, independently of the code under test:
 * <ul>
 *   <li>IKE SA rekey: SKEYSEED = prf(SK_d (old), SK(0) | Ni | Nr | SK(1) | ... | SK(n));</li>
 *   <li>CHILD_SA: KEYMAT = prf+(SK_d, SK(0) | Ni | Nr | SK(1) | ... | SK(n)).</li>
 * </ul>
 * HMAC-SHA-384 makes SK(n) shorter and longer than the PRF output, so a mix-up of the order shows.
 */
class FollowupKeyScheduleKnownAnswerTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SK_D = seq(48, 0x11);
    private static final byte[] NI = seq(32, 0xa0);
    private static final byte[] NR = seq(24, 0xb0);
    private static final byte[] SK0 = seq(32, 0x01);   // e.g. x25519
    private static final byte[] SK1 = seq(32, 0x40);   // ML-KEM shared secrets are 32 octets
    private static final byte[] SK2 = seq(32, 0x70);

    private static byte[] seq(int n, int start) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (start + i);
        return b;
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    private static byte[] hmac384(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA384");
        mac.init(new SecretKeySpec(key, "HmacSHA384"));
        return mac.doFinal(data);
    }

    /** RFC 7296 2.13: T1 = prf(K, S | 0x01), Tn = prf(K, Tn-1 | S | n); the first {@code length} octets. */
    private static byte[] prfPlus(byte[] key, byte[] seed, int length) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] t = new byte[0];
        for (int n = 1; out.size() < length; n++) {
            t = hmac384(key, cat(t, seed, new byte[] {(byte) n}));
            out.writeBytes(t);
        }
        return Arrays.copyOf(out.toByteArray(), length);
    }

    @Test
    void rekeyedSkeyseedAppendsTheAdditionalSecretsAfterTheNonces() throws Exception {
        byte[] expected = hmac384(SK_D, cat(SK0, NI, NR, SK1, SK2));
        byte[] actual = IkeKeyDerivation.rekeyedSkeyseed(Prf.of(PrfAlgorithm.HMAC_SHA2_384), SK_D, SK0, NI, NR, cat(SK1, SK2));
        assertThat(HEX.formatHex(actual)).isEqualTo(HEX.formatHex(expected));
        // without additional secrets it is RFC 7296 2.18's SKEYSEED
        assertThat(IkeKeyDerivation.rekeyedSkeyseed(Prf.of(PrfAlgorithm.HMAC_SHA2_384), SK_D, SK0, NI, NR, new byte[0]))
                .isEqualTo(hmac384(SK_D, cat(SK0, NI, NR)))
                .isEqualTo(IkeKeyDerivation.rekeyedSkeyseed(Prf.of(PrfAlgorithm.HMAC_SHA2_384), SK_D, SK0, NI, NR));
    }

    @Test
    void childKeymatAppendsTheAdditionalSecretsAfterTheNonces() throws Exception {
        int encr = 36, integ = 0; // AES-256-GCM with its 4-octet salt, no integrity key
        byte[] keymat = prfPlus(SK_D, cat(SK0, NI, NR, SK1, SK2), 2 * (encr + integ));
        ChildSaKeys keys = IkeKeyDerivation.childSaKeys(Prf.of(PrfAlgorithm.HMAC_SHA2_384), SK_D, SK0, NI, NR, cat(SK1, SK2),
                encr, integ);
        assertThat(keys.encryptionInitiatorToResponder()).isEqualTo(Arrays.copyOfRange(keymat, 0, encr));
        assertThat(keys.encryptionResponderToInitiator()).isEqualTo(Arrays.copyOfRange(keymat, encr, 2 * encr));
        // the order matters: SK(1) before the nonces gives other keys
        byte[] wrongOrder = prfPlus(SK_D, cat(SK0, SK1, SK2, NI, NR), 2 * encr);
        assertThat(keys.encryptionInitiatorToResponder()).isNotEqualTo(Arrays.copyOf(wrongOrder, encr));
        keys.wipe();
    }

    @Test
    void ikeSaKeysAfterAFollowupRekeyComeFromTheNewSkeyseedAndTheNewSpis() throws Exception {
        byte[] spiI = HEX.parseHex("0102030405060708"), spiR = HEX.parseHex("1112131415161718");
        byte[] skeyseed = hmac384(SK_D, cat(SK0, NI, NR, SK1));
        IkeKeyLengths lengths = new IkeKeyLengths(48, 0, 36); // prf-sized SK_d/SK_p, AEAD: no SK_a, GCM-256 key + salt
        byte[] stream = prfPlus(skeyseed, cat(NI, NR, spiI, spiR), lengths.total());
        IkeSaKeys keys = IkeKeyDerivation.ikeSaKeys(Prf.of(PrfAlgorithm.HMAC_SHA2_384),
                IkeKeyDerivation.rekeyedSkeyseed(Prf.of(PrfAlgorithm.HMAC_SHA2_384), SK_D, SK0, NI, NR, SK1), NI, NR, spiI, spiR,
                lengths);
        assertThat(keys.skD()).isEqualTo(Arrays.copyOfRange(stream, 0, 48));
        assertThat(keys.skEi()).isEqualTo(Arrays.copyOfRange(stream, 48, 84));
        assertThat(keys.skEr()).isEqualTo(Arrays.copyOfRange(stream, 84, 120));
        assertThat(keys.skPi()).isEqualTo(Arrays.copyOfRange(stream, 120, 168));
        assertThat(keys.skPr()).isEqualTo(Arrays.copyOfRange(stream, 168, 216));
        keys.wipe();
    }
}
