package io.ike4j.core.crypto;

import static io.ike4j.core.crypto.HmacKnownAnswerTest.rawMac;
import static io.ike4j.core.crypto.TestRandom.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import io.ike4j.core.proposal.PrfAlgorithm;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * RFC 7296 2.14/2.17/2.18 key derivation: the NIST CAVP (SP 800-135) IKEv2 HMAC-SHA1 vector, plus independent
 * constructions from raw javax.crypto.Mac calls for the other PRFs, Child SA KEYMAT and PSK AUTH.
 */
class IkeKeyDerivationTest {

    // NIST CAVP SP 800-135 IKEv2 KDF, HMAC-SHA1 (Ni/Nr 64 bits, g^ir 256 bits, DKM 1056 bits).
    private static final byte[] NI = hex("32b50d5f4a3763f3");
    private static final byte[] NR = hex("9206a04b26564cb1");
    private static final byte[] GIR = hex("4b2c1f971981a8ad8d0abeafabf38cf75fc8349c148142465ed9c8b516b8be52");
    private static final byte[] GIR_NEW = hex("863f3c9d06efd39d2b907b97f8699e5dd5251ef64a2a176f36ee40c87d4f9330");
    private static final byte[] SPII = hex("34c9e7c188868785");
    private static final byte[] SPIR = hex("3ff77d760d2b2199");
    private static final byte[] DKM = hex("a14293677cc80ff8f9cc0eee30d895da9d8f405666e30ef0dfcb63c634a46002"
            + "a2a63080e514a062768b76606f9fa5e992204fc5a670bde3f10d6b027113936a"
            + "5c55b648a194ae587b0088d52204b702c979fa280870d2ed41efa9c549fd1119"
            + "8af1670b143d384bd275c5f594cf266b05ebadca855e4249520a441a81157435a7a56cc4");

    @Test
    void cavpIkev2HmacSha1() throws Exception {
        Prf prf = Prf.of(PrfAlgorithm.HMAC_SHA1);
        byte[] skeyseed = IkeKeyDerivation.skeyseed(prf, NI, NR, GIR);
        assertThat(skeyseed).isEqualTo(hex("a9a7b222b59f8f48645f28a1db5b5f5d7479cba7"));

        // 1056 bits = SK_d(20) + 2 x SK_a(20, HMAC-SHA1-96) + 2 x SK_e(16, AES-128) + 2 x SK_p(20).
        IkeKeyLengths lengths = IkeKeyLengths.of(PrfAlgorithm.HMAC_SHA1, EncryptionAlgorithm.AES_CBC, 128,
                IntegrityAlgorithm.HMAC_SHA1_96);
        assertThat(lengths.total()).isEqualTo(132);
        IkeSaKeys keys = IkeKeyDerivation.ikeSaKeys(prf, skeyseed, NI, NR, SPII, SPIR, lengths);
        byte[] joined = Bytes.concat(keys.skD(), keys.skAi(), keys.skAr(), keys.skEi(), keys.skEr(), keys.skPi(),
                keys.skPr());
        assertThat(joined).isEqualTo(DKM);
        assertThat(keys.skEi()).hasSize(16);
        assertThat(keys.skAr()).hasSize(20);

        assertThat(IkeKeyDerivation.initialIkeSaKeys(prf, NI, NR, GIR, SPII, SPIR, lengths).skPr())
                .isEqualTo(keys.skPr());

        byte[] rekeyed = IkeKeyDerivation.rekeyedSkeyseed(prf, keys.skD(), GIR_NEW, NI, NR);
        assertThat(rekeyed).isEqualTo(hex("63e81194946ebd05df7df5ebf5d8750056bf1f1d"));
    }

    @Test
    void sha2SuitesMatchTheRfcConstruction() throws Exception {
        byte[] ni = bytes(32, 1);
        byte[] nr = bytes(32, 2);
        byte[] gir = bytes(256, 3);
        byte[] spiI = bytes(8, 4);
        byte[] spiR = bytes(8, 5);
        Object[][] cases = {
            {PrfAlgorithm.HMAC_SHA2_256, "HmacSHA256", EncryptionAlgorithm.AES_CBC, 256, IntegrityAlgorithm.HMAC_SHA2_256_128},
            {PrfAlgorithm.HMAC_SHA2_384, "HmacSHA384", EncryptionAlgorithm.AES_GCM_16, 256, IntegrityAlgorithm.NONE},
            {PrfAlgorithm.HMAC_SHA2_512, "HmacSHA512", EncryptionAlgorithm.CHACHA20_POLY1305, 0, IntegrityAlgorithm.NONE},
        };
        for (Object[] c : cases) {
            PrfAlgorithm pa = (PrfAlgorithm) c[0];
            String mac = (String) c[1];
            EncryptionAlgorithm enc = (EncryptionAlgorithm) c[2];
            IkeKeyLengths lengths = IkeKeyLengths.of(pa, enc, (int) c[3], (IntegrityAlgorithm) c[4]);
            Prf prf = Prf.of(pa);

            byte[] skeyseed = rawMac(mac, Bytes.concat(ni, nr), gir);
            assertThat(IkeKeyDerivation.skeyseed(prf, ni, nr, gir)).isEqualTo(skeyseed);
            byte[] stream = PrfPlusTest.reference(mac, skeyseed, Bytes.concat(ni, nr, spiI, spiR), lengths.total());
            IkeSaKeys keys = IkeKeyDerivation.initialIkeSaKeys(prf, ni, nr, gir, spiI, spiR, lengths);
            int p = pa.outputLength();
            int a = lengths.integrity();
            int e = lengths.encryption();
            int off = 0;
            assertThat(keys.skD()).isEqualTo(Arrays.copyOfRange(stream, off, off += p));
            assertThat(keys.skAi()).isEqualTo(Arrays.copyOfRange(stream, off, off += a));
            assertThat(keys.skAr()).isEqualTo(Arrays.copyOfRange(stream, off, off += a));
            assertThat(keys.skEi()).isEqualTo(Arrays.copyOfRange(stream, off, off += e));
            assertThat(keys.skEr()).isEqualTo(Arrays.copyOfRange(stream, off, off += e));
            assertThat(keys.skPi()).isEqualTo(Arrays.copyOfRange(stream, off, off += p));
            assertThat(keys.skPr()).isEqualTo(Arrays.copyOfRange(stream, off, off += p));
            if (enc.isAead()) {
                assertThat(keys.skAi()).isEmpty(); // RFC 5282: no SK_a with AEAD
                assertThat(keys.skEi()).hasSize(36); // 32-byte key + 4-byte salt
            }
            // The keys drive SK protection of both directions.
            SkProtection out = SkProtections.forDirection(enc, (int) c[3], (IntegrityAlgorithm) c[4], keys.skEi(),
                    keys.skAi(), TestRandom.seeded(1));
            SkProtection in = SkProtections.forDirection(enc, (int) c[3], (IntegrityAlgorithm) c[4], keys.skEi(),
                    keys.skAi(), TestRandom.seeded(2));
            byte[] body = out.seal(new byte[32], new byte[] {1, 2, 3});
            assertThat(in.open(Bytes.concat(new byte[32], body), 32, body.length)).hasValue(new byte[] {1, 2, 3});
        }
    }

    @Test
    void rekeyedSkeyseedIsPrfOfOldSkdOverNewSecretAndNonces() {
        Prf prf = Prf.of(PrfAlgorithm.HMAC_SHA2_256);
        byte[] skd = bytes(32, 6);
        byte[] gir = bytes(32, 7);
        byte[] ni = bytes(16, 8);
        byte[] nr = bytes(24, 9);
        assertThat(IkeKeyDerivation.rekeyedSkeyseed(prf, skd, gir, ni, nr))
                .isEqualTo(rawMac("HmacSHA256", skd, gir, ni, nr));
    }

    @Test
    void childSaKeymatIsSplitInitiatorThenResponder() throws Exception {
        Prf prf = Prf.of(PrfAlgorithm.HMAC_SHA2_256);
        byte[] skd = bytes(32, 10);
        byte[] ni = bytes(32, 11);
        byte[] nr = bytes(32, 12);
        byte[] gir = bytes(32, 13);
        // AES-CBC-128 + HMAC-SHA2-256-128 without PFS: KEYMAT = prf+(SK_d, Ni | Nr).
        byte[] keymat = PrfPlusTest.reference("HmacSHA256", skd, Bytes.concat(ni, nr), 2 * (16 + 32));
        ChildSaKeys k = IkeKeyDerivation.childSaKeys(prf, skd, null, ni, nr, 16, 32);
        assertThat(k.encryptionInitiatorToResponder()).isEqualTo(Arrays.copyOfRange(keymat, 0, 16));
        assertThat(k.integrityInitiatorToResponder()).isEqualTo(Arrays.copyOfRange(keymat, 16, 48));
        assertThat(k.encryptionResponderToInitiator()).isEqualTo(Arrays.copyOfRange(keymat, 48, 64));
        assertThat(k.integrityResponderToInitiator()).isEqualTo(Arrays.copyOfRange(keymat, 64, 96));
        // AES-GCM-16-256 with PFS: KEYMAT = prf+(SK_d, g^ir (new) | Ni | Nr), 36 bytes each way, no integrity key.
        byte[] pfs = PrfPlusTest.reference("HmacSHA256", skd, Bytes.concat(gir, ni, nr), 72);
        ChildSaKeys g = IkeKeyDerivation.childSaKeys(prf, skd, gir, ni, nr,
                KeyMaterialLengths.encryption(EncryptionAlgorithm.AES_GCM_16, 256), 0);
        assertThat(g.encryptionInitiatorToResponder()).isEqualTo(Arrays.copyOfRange(pfs, 0, 36));
        assertThat(g.encryptionResponderToInitiator()).isEqualTo(Arrays.copyOfRange(pfs, 36, 72));
        assertThat(g.integrityInitiatorToResponder()).isEmpty();
    }

    @Test
    void prfPlusLimitSurfacesAsTypedError() {
        Prf prf = Prf.of(PrfAlgorithm.HMAC_SHA1);
        assertThatThrownBy(() -> IkeKeyDerivation.childSaKeys(prf, new byte[20], null, new byte[8], new byte[8],
                2000, 600)).isInstanceOf(PrfPlusLengthException.class);
    }

    @Test
    void keysWipeAndNeverPrintBytes() throws Exception {
        Prf prf = Prf.of(PrfAlgorithm.HMAC_SHA1);
        IkeKeyLengths lengths = IkeKeyLengths.of(PrfAlgorithm.HMAC_SHA1, EncryptionAlgorithm.AES_CBC, 128,
                IntegrityAlgorithm.HMAC_SHA1_96);
        IkeSaKeys keys = IkeKeyDerivation.initialIkeSaKeys(prf, NI, NR, GIR, SPII, SPIR, lengths);
        String hexD = TestRandom.hex(keys.skD());
        assertThat(keys.toString()).doesNotContain(hexD.substring(0, 8)).doesNotContain("a14293");
        byte[] copy = keys.skD();
        copy[0] ^= 1;
        assertThat(keys.skD()).isNotEqualTo(copy); // accessors hand out copies
        keys.wipe();
        for (byte[] k : new byte[][] {keys.skD(), keys.skAi(), keys.skAr(), keys.skEi(), keys.skEr(), keys.skPi(),
                keys.skPr()}) {
            assertThat(Bytes.allZero(k)).isTrue();
        }
        ChildSaKeys child = IkeKeyDerivation.childSaKeys(prf, DKM, null, NI, NR, 16, 20);
        assertThat(child.toString()).doesNotContain(TestRandom.hex(child.encryptionInitiatorToResponder()).substring(0, 8));
        child.wipe();
        assertThat(Bytes.allZero(child.integrityResponderToInitiator())).isTrue();
    }

    @Test
    void pskAuthFollowsRfc7296Section2_15() {
        Prf prf = Prf.of(PrfAlgorithm.HMAC_SHA2_256);
        byte[] psk = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
        byte[] skPi = bytes(32, 14);
        byte[] skPr = bytes(32, 15);
        byte[] message1 = bytes(300, 16);
        byte[] message2 = bytes(280, 17);
        byte[] ni = bytes(32, 18);
        byte[] nr = bytes(32, 19);
        byte[] idi = Bytes.concat(new byte[] {2, 0, 0, 0}, "alice.example".getBytes(StandardCharsets.US_ASCII));
        byte[] idr = Bytes.concat(new byte[] {1, 0, 0, 0}, new byte[] {(byte) 192, 0, 2, 1});

        byte[] macedIdi = rawMac("HmacSHA256", skPi, idi);
        assertThat(AuthenticationOctets.macedId(prf, skPi, idi)).isEqualTo(macedIdi);
        byte[] initiatorOctets = Bytes.concat(message1, nr, macedIdi);
        assertThat(AuthenticationOctets.initiatorSignedOctets(prf, skPi, message1, nr, idi)).isEqualTo(initiatorOctets);
        byte[] responderOctets = Bytes.concat(message2, ni, rawMac("HmacSHA256", skPr, idr));
        assertThat(AuthenticationOctets.responderSignedOctets(prf, skPr, message2, ni, idr)).isEqualTo(responderOctets);

        byte[] keyPad = rawMac("HmacSHA256", psk, "Key Pad for IKEv2".getBytes(StandardCharsets.US_ASCII));
        assertThat(AuthenticationOctets.pskAuth(prf, psk, initiatorOctets))
                .isEqualTo(rawMac("HmacSHA256", keyPad, initiatorOctets));
        assertThat(AuthenticationOctets.pskAuth(prf, psk, responderOctets))
                .isEqualTo(rawMac("HmacSHA256", keyPad, responderOctets))
                .isNotEqualTo(AuthenticationOctets.pskAuth(prf, psk, initiatorOctets));
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }
}
