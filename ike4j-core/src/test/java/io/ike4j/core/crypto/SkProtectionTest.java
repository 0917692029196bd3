package io.ike4j.core.crypto;

import static io.ike4j.core.crypto.HmacKnownAnswerTest.rawMac;
import static io.ike4j.core.crypto.TestRandom.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Seal/open of SK payload bodies for every supported suite: round trips, layout, tampering, truncation. */
class SkProtectionTest {

    record Suite(EncryptionAlgorithm enc, int keyBits, IntegrityAlgorithm integ) {
        int encKeyLength() {
            return KeyMaterialLengths.encryption(enc, keyBits);
        }

        int integKeyLength() {
            return enc.isAead() ? 0 : integ.keyLength();
        }

        SkProtection create(byte[] encKey, byte[] integKey, RandomSource random) {
            return SkProtections.forDirection(enc, keyBits, integ, encKey, integKey, random);
        }
    }

    static List<Suite> suites() {
        List<Suite> out = new ArrayList<>();
        for (int bits : new int[] {128, 192, 256}) {
            for (IntegrityAlgorithm i : new IntegrityAlgorithm[] {IntegrityAlgorithm.HMAC_SHA1_96,
                    IntegrityAlgorithm.HMAC_SHA2_256_128, IntegrityAlgorithm.HMAC_SHA2_384_192,
                    IntegrityAlgorithm.HMAC_SHA2_512_256}) {
                out.add(new Suite(EncryptionAlgorithm.AES_CBC, bits, i));
            }
            for (EncryptionAlgorithm gcm : new EncryptionAlgorithm[] {EncryptionAlgorithm.AES_GCM_8,
                    EncryptionAlgorithm.AES_GCM_12, EncryptionAlgorithm.AES_GCM_16}) {
                out.add(new Suite(gcm, bits, IntegrityAlgorithm.NONE));
            }
        }
        out.add(new Suite(EncryptionAlgorithm.CHACHA20_POLY1305, 0, IntegrityAlgorithm.NONE));
        return out;
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A fake message: 28-byte IKE header + 4-byte SK header as prefix, then the body. */
    private static byte[] message(byte[] prefix, byte[] body) {
        return CipherKnownAnswerTest.concat(prefix, body);
    }

    @Test
    void roundTripsForEverySuiteAndLength() {
        for (Suite s : suites()) {
            byte[] encKey = bytes(s.encKeyLength(), 1);
            byte[] integKey = bytes(s.integKeyLength(), 2);
            SkProtection sender = s.create(encKey, integKey, TestRandom.seeded(3));
            SkProtection receiver = s.create(encKey, integKey, TestRandom.seeded(4));
            for (int len = 0; len <= 40; len++) {
                byte[] prefix = bytes(32, len);
                byte[] pt = bytes(len, 100 + len);
                byte[] body = sender.seal(prefix, pt);
                assertThat(body).as("%s len %d", s, len).hasSize(sender.sealedLength(len));
                byte[] msg = message(prefix, body);
                assertThat(receiver.open(msg, prefix.length, body.length)).as("%s len %d", s, len).hasValue(pt);
                // A trailing byte beyond the body is not part of it.
                byte[] longer = Arrays.copyOf(msg, msg.length + 1);
                assertThat(receiver.open(longer, prefix.length, body.length)).hasValue(pt);
            }
        }
    }

    @Test
    void anyFlippedByteInPrefixOrBodyIsRejected() {
        for (Suite s : suites()) {
            byte[] encKey = bytes(s.encKeyLength(), 5);
            byte[] integKey = bytes(s.integKeyLength(), 6);
            SkProtection p = s.create(encKey, integKey, TestRandom.seeded(7));
            byte[] prefix = bytes(32, 8);
            byte[] body = p.seal(prefix, bytes(21, 9));
            byte[] msg = message(prefix, body);
            for (int i = 0; i < msg.length; i++) {
                byte[] bad = msg.clone();
                bad[i] ^= (byte) 0x01;
                assertThat(p.open(bad, prefix.length, body.length)).as("%s byte %d", s, i).isEmpty();
            }
        }
    }

    @Test
    void truncatedOrMisplacedBodiesAreRejected() {
        for (Suite s : suites()) {
            SkProtection p = s.create(bytes(s.encKeyLength(), 10), bytes(s.integKeyLength(), 11), TestRandom.seeded(12));
            byte[] prefix = bytes(32, 13);
            byte[] body = p.seal(prefix, bytes(30, 14));
            byte[] msg = message(prefix, body);
            for (int len = 0; len < body.length; len++) {
                assertThat(p.open(msg, prefix.length, len)).as("%s len %d", s, len).isEmpty();
                assertThat(p.open(Arrays.copyOf(msg, prefix.length + len), prefix.length, len)).isEmpty();
            }
            assertThat(p.open(msg, prefix.length, body.length + 1)).isEmpty();
            assertThat(p.open(msg, -1, body.length)).isEmpty();
            assertThat(p.open(msg, prefix.length, -5)).isEmpty();
            assertThat(p.open(msg, prefix.length - 1, body.length)).isEmpty();
            assertThat(p.open(msg, Integer.MAX_VALUE, 10)).isEmpty();
            assertThat(p.open(new byte[0], 0, 0)).isEmpty();
            assertThat(p.open(null, 0, 0)).isEmpty();
        }
    }

    @Test
    void wrongKeysAreRejected() {
        for (Suite s : suites()) {
            byte[] encKey = bytes(s.encKeyLength(), 15);
            byte[] integKey = bytes(s.integKeyLength(), 16);
            SkProtection p = s.create(encKey, integKey, TestRandom.seeded(17));
            byte[] prefix = bytes(32, 18);
            byte[] body = p.seal(prefix, bytes(10, 19));
            byte[] otherEnc = encKey.clone();
            otherEnc[otherEnc.length - 1] ^= 1; // for AEAD this changes the salt
            SkProtection q = s.create(otherEnc, integKey, TestRandom.seeded(17));
            assertThat(q.open(message(prefix, body), prefix.length, body.length)).as("%s", s).isEmpty();
            p.wipe();
            assertThat(p.open(message(prefix, body), prefix.length, body.length)).isEmpty();
        }
    }

    @Test
    void cbcLayoutIsIvCiphertextIcvWithIcvOverPrefixIvAndCiphertext() throws Exception {
        byte[] encKey = bytes(16, 20);
        byte[] integKey = bytes(32, 21);
        byte[] iv = hex("000102030405060708090a0b0c0d0e0f");
        SkProtection p = SkProtections.forDirection(EncryptionAlgorithm.AES_CBC, 128,
                IntegrityAlgorithm.HMAC_SHA2_256_128, encKey, integKey, TestRandom.scripted(iv));
        byte[] prefix = bytes(32, 22);
        byte[] pt = bytes(20, 23);
        byte[] body = p.seal(prefix, pt);
        assertThat(body).hasSize(16 + 32 + 16);
        assertThat(Arrays.copyOf(body, 16)).isEqualTo(iv);
        // RFC 7296 3.14: payloads | padding | pad length filling whole blocks (11 pad bytes + length byte 11).
        byte[] padded = Arrays.copyOf(pt, 32);
        padded[31] = 11;
        Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(encKey, "AES"), new IvParameterSpec(iv));
        byte[] ct = c.doFinal(padded);
        assertThat(Arrays.copyOfRange(body, 16, 48)).isEqualTo(ct);
        byte[] icv = Arrays.copyOf(rawMac("HmacSHA256", integKey, prefix, iv, ct), 16);
        assertThat(Arrays.copyOfRange(body, 48, 64)).isEqualTo(icv);
    }

    @Test
    void cbcOpenRejectsImpossiblePadLengthEvenWithValidIcv() throws Exception {
        byte[] encKey = bytes(32, 24);
        byte[] integKey = bytes(20, 25);
        byte[] iv = bytes(16, 26);
        byte[] block = new byte[16];
        block[15] = 16; // pad length larger than the block can hold
        Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(encKey, "AES"), new IvParameterSpec(iv));
        byte[] ct = c.doFinal(block);
        byte[] prefix = bytes(32, 27);
        byte[] icv = Arrays.copyOf(rawMac("HmacSHA1", integKey, prefix, iv, ct), 12);
        byte[] body = CipherKnownAnswerTest.concat(CipherKnownAnswerTest.concat(iv, ct), icv);
        SkProtection p = SkProtections.forDirection(EncryptionAlgorithm.AES_CBC, 256, IntegrityAlgorithm.HMAC_SHA1_96,
                encKey, integKey, TestRandom.seeded(1));
        assertThat(p.open(message(prefix, body), prefix.length, body.length)).isEmpty();
        block[15] = 15; // all padding: zero payload bytes is fine
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(encKey, "AES"), new IvParameterSpec(iv));
        ct = c.doFinal(block);
        icv = Arrays.copyOf(rawMac("HmacSHA1", integKey, prefix, iv, ct), 12);
        body = CipherKnownAnswerTest.concat(CipherKnownAnswerTest.concat(iv, ct), icv);
        assertThat(p.open(message(prefix, body), prefix.length, body.length)).hasValue(new byte[0]);
    }

    @Test
    void gcmLayoutFollowsRfc5282() throws Exception {
        // Key material = key | salt; nonce = salt | explicit IV; AAD = prefix; plaintext | pad length 0.
        byte[] key = hex("feffe9928665731c6d6a8f9467308308");
        byte[] salt = hex("cafebabe");
        byte[] explicitIv = hex("facedbaddecaf888");
        SkProtection p = SkProtections.forDirection(EncryptionAlgorithm.AES_GCM_16, 128, IntegrityAlgorithm.NONE,
                CipherKnownAnswerTest.concat(key, salt), null, TestRandom.scripted(explicitIv));
        byte[] prefix = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        byte[] pt = bytes(25, 28);
        byte[] body = p.seal(prefix, pt);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"),
                new GCMParameterSpec(128, CipherKnownAnswerTest.concat(salt, explicitIv)));
        c.updateAAD(prefix);
        byte[] expected = CipherKnownAnswerTest.concat(explicitIv, c.doFinal(Arrays.copyOf(pt, pt.length + 1)));
        assertThat(body).isEqualTo(expected);
    }

    @Test
    void chachaLayoutFollowsRfc7634() throws Exception {
        byte[] key = bytes(32, 29);
        byte[] salt = hex("07000000");
        byte[] explicitIv = hex("4041424344454647");
        SkProtection p = SkProtections.forDirection(EncryptionAlgorithm.CHACHA20_POLY1305, 256, IntegrityAlgorithm.NONE,
                CipherKnownAnswerTest.concat(key, salt), new byte[0], TestRandom.scripted(explicitIv));
        byte[] prefix = bytes(32, 30);
        byte[] pt = bytes(7, 31);
        byte[] body = p.seal(prefix, pt);
        Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"),
                new IvParameterSpec(CipherKnownAnswerTest.concat(salt, explicitIv)));
        c.updateAAD(prefix);
        assertThat(body).isEqualTo(
                CipherKnownAnswerTest.concat(explicitIv, c.doFinal(Arrays.copyOf(pt, pt.length + 1))));
    }

    @Test
    void aeadIvsAreACounterAndNeverRepeat() {
        SkProtection p = SkProtections.forDirection(EncryptionAlgorithm.AES_GCM_16, 256, IntegrityAlgorithm.NONE,
                bytes(36, 32), null, TestRandom.scripted(hex("fffffffffffffffe")));
        Set<String> ivs = new HashSet<>();
        List<String> ordered = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String iv = TestRandom.hex(Arrays.copyOf(p.seal(new byte[0], new byte[0]), 8));
            ivs.add(iv);
            ordered.add(iv);
        }
        assertThat(ivs).hasSize(4);
        assertThat(ordered).containsExactly("fffffffffffffffe", "ffffffffffffffff", "0000000000000000",
                "0000000000000001");
    }

    @Test
    void cbcIvsComeFromTheRandomSource() {
        byte[] iv1 = bytes(16, 33);
        byte[] iv2 = bytes(16, 34);
        SkProtection p = SkProtections.forDirection(EncryptionAlgorithm.AES_CBC, 192, IntegrityAlgorithm.HMAC_SHA2_512_256,
                bytes(24, 35), bytes(64, 36), TestRandom.scripted(iv1, iv2));
        assertThat(Arrays.copyOf(p.seal(new byte[4], new byte[3]), 16)).isEqualTo(iv1);
        assertThat(Arrays.copyOf(p.seal(new byte[4], new byte[3]), 16)).isEqualTo(iv2);
    }

    @Test
    void factoryValidatesCombinationAndKeyLengths() {
        assertThat(SkProtections.isSupported(EncryptionAlgorithm.AES_CBC, 128, IntegrityAlgorithm.NONE)).isFalse();
        assertThat(SkProtections.isSupported(EncryptionAlgorithm.AES_GCM_16, 128, IntegrityAlgorithm.HMAC_SHA1_96))
                .isFalse();
        assertThat(SkProtections.isSupported(EncryptionAlgorithm.AES_CBC, 64, IntegrityAlgorithm.HMAC_SHA1_96)).isFalse();
        assertThat(SkProtections.isSupported(EncryptionAlgorithm.TRIPLE_DES, 0, IntegrityAlgorithm.HMAC_SHA1_96))
                .isFalse();
        assertThat(SkProtections.isSupported(EncryptionAlgorithm.CHACHA20_POLY1305, 0, null)).isTrue();
        assertThatThrownBy(() -> SkProtections.forDirection(EncryptionAlgorithm.AES_CBC, 128,
                IntegrityAlgorithm.HMAC_SHA1_96, new byte[15], new byte[20], TestRandom.seeded(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SkProtections.forDirection(EncryptionAlgorithm.AES_CBC, 128,
                IntegrityAlgorithm.HMAC_SHA1_96, new byte[16], new byte[19], TestRandom.seeded(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SkProtections.forDirection(EncryptionAlgorithm.AES_GCM_8, 128,
                IntegrityAlgorithm.NONE, new byte[16], null, TestRandom.seeded(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(KeyMaterialLengths.encryption(EncryptionAlgorithm.AES_GCM_12, 192)).isEqualTo(28);
        assertThat(KeyMaterialLengths.encryption(EncryptionAlgorithm.AES_CCM_8, 128)).isEqualTo(19);
        assertThat(KeyMaterialLengths.encryption(EncryptionAlgorithm.CHACHA20_POLY1305, 0)).isEqualTo(36);
        assertThat(KeyMaterialLengths.encryption(EncryptionAlgorithm.AES_CBC, 256)).isEqualTo(32);
    }

    @Test
    void toStringShowsNoKeyBytes() {
        byte[] encKey = hex("00112233445566778899aabbccddeeff");
        SkProtection p = SkProtections.forDirection(EncryptionAlgorithm.AES_CBC, 128, IntegrityAlgorithm.HMAC_SHA1_96,
                encKey, bytes(20, 1), TestRandom.seeded(1));
        assertThat(p.toString()).doesNotContain("00112233").contains("AES-128-CBC");
    }
}
