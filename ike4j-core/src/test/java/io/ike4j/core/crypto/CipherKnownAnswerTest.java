package io.ike4j.core.crypto;

import static io.ike4j.core.crypto.TestRandom.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Raw cipher known answers: RFC 3602 (AES-CBC), McGrew-Viega GCM test cases 4 and 16, RFC 8439 2.8.2. */
class CipherKnownAnswerTest {

    private static final CryptoProvider JCA = CryptoProvider.jca();

    @Test
    void rfc3602Case1And2() throws Exception {
        byte[] ct1 = AesCbc.encrypt(JCA, hex("06a9214036b8a15b512e03d534120006"), hex("3dafba429d9eb430b422da802c9fac41"),
                "Single block msg".getBytes(StandardCharsets.US_ASCII));
        assertThat(ct1).isEqualTo(hex("e353779c1079aeb82708942dbe77181a"));

        byte[] key2 = hex("c286696d887c9aa0611bbb3e2025a45a");
        byte[] iv2 = hex("562e17996d093d28ddb3ba695a2e6f58");
        byte[] pt2 = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        byte[] ct2 = hex("d296cd94c2cccf8a3a863028b5e1dc0a7586602d253cfff91b8266bea6d61ab1");
        assertThat(AesCbc.encrypt(JCA, key2, iv2, pt2)).isEqualTo(ct2);
        assertThat(AesCbc.decrypt(JCA, key2, iv2, ct2, 0, ct2.length)).isEqualTo(pt2);
    }

    // McGrew & Viega, "The Galois/Counter Mode of Operation", test cases 4 (AES-128) and 16 (AES-256).
    private static final byte[] GCM_IV = hex("cafebabefacedbaddecaf888");
    private static final byte[] GCM_AAD = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
    private static final byte[] GCM_PT = hex(
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525"
                    + "b16aedf5aa0de657ba637b39");

    @Test
    void gcmTestCase4() {
        checkGcm(hex("feffe9928665731c6d6a8f9467308308"),
                hex("42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa05"
                        + "1ba30b396a0aac973d58e091"),
                hex("5bc94fbc3221a5db94fae95ae7121a47"));
    }

    @Test
    void gcmTestCase16() {
        checkGcm(hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308"),
                hex("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838"
                        + "c5f61e6393ba7a0abcc9f662"),
                hex("76fc6ece0f4e1768cddf8853bb2d551b"));
    }

    private static void checkGcm(byte[] key, byte[] ct, byte[] tag) {
        for (int tagLen : new int[] {16, 12, 8}) {
            AeadCipher gcm = new AeadCipher(AeadCipher.Kind.AES_GCM, tagLen, key, JCA);
            byte[] expected = concat(ct, Arrays.copyOf(tag, tagLen)); // SP 800-38D: truncated tag = MSB bits
            byte[] sealed = sealUnchecked(gcm, GCM_IV, GCM_AAD, GCM_PT);
            assertThat(sealed).as("tag length %d", tagLen).isEqualTo(expected);
            assertThat(gcm.open(GCM_IV, GCM_AAD, 0, GCM_AAD.length, sealed, 0, sealed.length)).hasValue(GCM_PT);
            byte[] bad = sealed.clone();
            bad[bad.length - 1] ^= 1;
            assertThat(gcm.open(GCM_IV, GCM_AAD, 0, GCM_AAD.length, bad, 0, bad.length)).isEmpty();
            bad = sealed.clone();
            bad[0] ^= 1;
            assertThat(gcm.open(GCM_IV, GCM_AAD, 0, GCM_AAD.length, bad, 0, bad.length)).isEmpty();
            assertThat(gcm.open(GCM_IV, GCM_AAD, 1, GCM_AAD.length - 1, sealed, 0, sealed.length)).isEmpty();
        }
    }

    @Test
    void rfc8439ChaCha20Poly1305() {
        byte[] key = hex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
        byte[] nonce = hex("070000004041424344454647");
        byte[] aad = hex("50515253c0c1c2c3c4c5c6c7");
        byte[] pt = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future,"
                + " sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);
        byte[] ct = hex("d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b"
                + "1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
                + "3ff4def08e4b7a9de576d26586cec64b6116");
        byte[] tag = hex("1ae10b594f09e26a7e902ecbd0600691");
        AeadCipher chacha = new AeadCipher(AeadCipher.Kind.CHACHA20_POLY1305, 16, key, JCA);
        byte[] sealed = sealUnchecked(chacha, nonce, aad, pt);
        assertThat(sealed).isEqualTo(concat(ct, tag));
        Optional<byte[]> opened = chacha.open(nonce, aad, 0, aad.length, sealed, 0, sealed.length);
        assertThat(opened).hasValue(pt);
        byte[] bad = sealed.clone();
        bad[5] ^= 0x40;
        assertThat(chacha.open(nonce, aad, 0, aad.length, bad, 0, bad.length)).isEmpty();
    }

    private static byte[] sealUnchecked(AeadCipher c, byte[] nonce, byte[] aad, byte[] pt) {
        try {
            return c.seal(nonce, aad, 0, aad.length, pt);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
