package io.ike4j.core.crypto.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ike4j.core.codec.v1.V1EncryptionAlgorithm;
import io.ike4j.core.codec.v1.V1HashAlgorithm;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Known answers computed here with raw javax.crypto, independently of the code under test. */
class V1KeyScheduleTest {
    private final Random random = new Random(2409);

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static String macName(V1HashAlgorithm h) {
        return switch (h) {
            case MD5 -> "HmacMD5";
            case SHA1 -> "HmacSHA1";
            case SHA2_256 -> "HmacSHA256";
            case SHA2_384 -> "HmacSHA384";
            case SHA2_512 -> "HmacSHA512";
            case TIGER -> throw new IllegalArgumentException();
        };
    }

    private static byte[] hmac(V1HashAlgorithm h, byte[] key, byte[]... parts) throws Exception {
        Mac mac = Mac.getInstance(macName(h));
        mac.init(new SecretKeySpec(key, macName(h)));
        for (byte[] p : parts) mac.update(p);
        return mac.doFinal();
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    private static byte[] be64(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    private static byte[] be32(long v) {
        return ByteBuffer.allocate(4).putInt((int) v).array();
    }

    @ParameterizedTest
    @EnumSource(value = V1HashAlgorithm.class, names = {"MD5", "SHA1", "SHA2_256", "SHA2_384", "SHA2_512"})
    void phase1KeysMatchAnIndependentComputation(V1HashAlgorithm h) throws Exception {
        V1Prf prf = V1Prf.of(h).orElseThrow();
        byte[] psk = bytes(17), ni = bytes(32), nr = bytes(20), gxy = bytes(256), gxi = bytes(256), gxr = bytes(256);
        long ci = random.nextLong(), cr = random.nextLong();
        byte[] sai = bytes(52), idii = bytes(8), idir = bytes(8);

        byte[] skeyid = hmac(h, psk, ni, nr);
        assertThat(V1KeySchedule.skeyidPreSharedKey(prf, psk, ni, nr)).isEqualTo(skeyid);
        assertThat(V1KeySchedule.skeyidSignature(prf, ni, nr, gxy)).isEqualTo(hmac(h, cat(ni, nr), gxy));

        byte[] d = hmac(h, skeyid, gxy, be64(ci), be64(cr), new byte[] {0});
        byte[] a = hmac(h, skeyid, d, gxy, be64(ci), be64(cr), new byte[] {1});
        byte[] e = hmac(h, skeyid, a, gxy, be64(ci), be64(cr), new byte[] {2});
        // Appendix B: Ka for AES-256 (32 bytes) and 3DES (24 bytes), expanded when SKEYID_e is too short.
        for (int len : new int[] {16, 24, 32}) {
            byte[] ka;
            if (e.length >= len) {
                ka = Arrays.copyOf(e, len);
            } else {
                byte[] k1 = hmac(h, e, new byte[] {0});
                byte[] k2 = hmac(h, e, k1);
                byte[] k3 = hmac(h, e, k2);
                ka = Arrays.copyOf(cat(k1, k2, k3), len);
            }
            Phase1Keys keys = V1KeySchedule.phase1(prf, skeyid, gxy, ci, cr, len);
            assertThat(keys.skeyid()).isEqualTo(skeyid);
            assertThat(keys.skeyidD()).isEqualTo(d);
            assertThat(keys.skeyidA()).isEqualTo(a);
            assertThat(keys.skeyidE()).isEqualTo(e);
            assertThat(keys.encryptionKey()).isEqualTo(ka);
            assertThat(keys.toString()).doesNotContain(java.util.HexFormat.of().formatHex(ka));
        }
        assertThat(V1KeySchedule.hashI(prf, skeyid, gxi, gxr, ci, cr, sai, idii))
                .isEqualTo(hmac(h, skeyid, gxi, gxr, be64(ci), be64(cr), sai, idii));
        assertThat(V1KeySchedule.hashR(prf, skeyid, gxi, gxr, ci, cr, sai, idir))
                .isEqualTo(hmac(h, skeyid, gxr, gxi, be64(cr), be64(ci), sai, idir));

        MessageDigest md = MessageDigest.getInstance(switch (h) {
            case MD5 -> "MD5";
            case SHA1 -> "SHA-1";
            case SHA2_256 -> "SHA-256";
            case SHA2_384 -> "SHA-384";
            default -> "SHA-512";
        });
        byte[] iv = Arrays.copyOf(md.digest(cat(gxi, gxr)), 16);
        assertThat(V1Ivs.phase1(prf, gxi, gxr, 16)).isEqualTo(iv);
        byte[] last = bytes(16);
        long mid = 0xfedcba98L;
        assertThat(V1Ivs.phase2(prf, last, mid, 8)).isEqualTo(Arrays.copyOf(md.digest(cat(last, be32(mid))), 8));
    }

    @Test
    void quickModeHashesAndKeymatMatchAnIndependentComputation() throws Exception {
        V1HashAlgorithm h = V1HashAlgorithm.SHA2_256;
        V1Prf prf = V1Prf.of(h).orElseThrow();
        byte[] skeyidA = bytes(32), skeyidD = bytes(32), ni = bytes(32), nr = bytes(32), rest = bytes(300);
        byte[] gqm = bytes(256), spi = bytes(4);
        long mid = 0x80000001L;
        assertThat(V1KeySchedule.quickModeHash1(prf, skeyidA, mid, rest)).isEqualTo(hmac(h, skeyidA, be32(mid), rest));
        assertThat(V1KeySchedule.quickModeHash2(prf, skeyidA, mid, ni, rest))
                .isEqualTo(hmac(h, skeyidA, be32(mid), ni, rest));
        assertThat(V1KeySchedule.quickModeHash3(prf, skeyidA, mid, ni, nr))
                .isEqualTo(hmac(h, skeyidA, new byte[] {0}, be32(mid), ni, nr));
        assertThat(V1KeySchedule.informationalHash(prf, skeyidA, mid, rest))
                .isEqualTo(hmac(h, skeyidA, be32(mid), rest));

        // RFC 2409 5.5: 100 bytes of KEYMAT need K1..K4 (32-byte PRF).
        byte[] tail = cat(gqm, new byte[] {3}, spi, ni, nr);
        byte[] k1 = hmac(h, skeyidD, tail);
        byte[] k2 = hmac(h, skeyidD, k1, tail);
        byte[] k3 = hmac(h, skeyidD, k2, tail);
        byte[] k4 = hmac(h, skeyidD, k3, tail);
        assertThat(V1KeySchedule.keymat(prf, skeyidD, Optional.of(gqm), 3, spi, ni, nr, 100))
                .isEqualTo(Arrays.copyOf(cat(k1, k2, k3, k4), 100));
        byte[] noPfs = cat(new byte[] {2}, spi, ni, nr);
        assertThat(V1KeySchedule.keymat(prf, skeyidD, Optional.empty(), 2, spi, ni, nr, 20))
                .isEqualTo(Arrays.copyOf(hmac(h, skeyidD, noPfs), 20));
    }

    @Test
    void cbcCiphersMatchJcaAndChainIvs() throws Exception {
        for (int bits : new int[] {128, 192, 256}) {
            V1Cipher c = V1Cipher.of(V1EncryptionAlgorithm.AES_CBC, bits).orElseThrow();
            byte[] key = bytes(bits / 8), iv = bytes(16), plain = c.pad(bytes(45));
            assertThat(plain).hasSize(48);
            Cipher jca = Cipher.getInstance("AES/CBC/NoPadding");
            jca.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            byte[] ct = c.encrypt(key, iv, plain);
            assertThat(ct).isEqualTo(jca.doFinal(plain));
            assertThat(c.decrypt(key, iv, ct)).hasValueSatisfying(p -> assertThat(p).isEqualTo(plain));
            assertThat(V1Ivs.next(ct, 16)).isEqualTo(Arrays.copyOfRange(ct, 32, 48));
        }
        V1Cipher des = V1Cipher.of(V1EncryptionAlgorithm.TRIPLE_DES_CBC, 0).orElseThrow();
        assertThat(des.blockSize()).isEqualTo(8);
        assertThat(des.keyLength()).isEqualTo(24);
        byte[] key = bytes(24), iv = bytes(8), plain = des.pad(bytes(16));
        Cipher jca = Cipher.getInstance("DESede/CBC/NoPadding");
        jca.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "DESede"), new IvParameterSpec(iv));
        assertThat(des.encrypt(key, iv, plain)).isEqualTo(jca.doFinal(plain));
        // Peer input that is not whole blocks is refused without an exception.
        assertThat(des.decrypt(key, iv, new byte[13])).isEmpty();
        assertThat(des.decrypt(key, iv, new byte[0])).isEmpty();
        assertThat(V1Cipher.of(V1EncryptionAlgorithm.AES_CBC, 0)).hasValueSatisfying(c -> assertThat(c.keyLength())
                .isEqualTo(16));
        assertThat(V1Cipher.of(V1EncryptionAlgorithm.AES_CBC, 100)).isEmpty();
        assertThat(V1Cipher.of(V1EncryptionAlgorithm.DES_CBC, 0)).isEmpty();
        assertThat(V1Prf.of(V1HashAlgorithm.TIGER)).isEmpty();
        assertThatThrownBy(() -> des.encrypt(key, iv, new byte[7])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wipeZeroesTheKeys() {
        V1Prf prf = V1Prf.of(V1HashAlgorithm.SHA1).orElseThrow();
        Phase1Keys keys = V1KeySchedule.phase1(prf, bytes(20), bytes(128), 1, 2, 32);
        keys.wipe();
        assertThat(keys.skeyidA()).containsOnly(0);
        assertThat(keys.encryptionKey()).containsOnly(0);
    }
}
