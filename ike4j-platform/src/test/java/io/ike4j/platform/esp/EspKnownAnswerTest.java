package io.ike4j.platform.esp;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import io.ike4j.core.sa.ChildSaSpec;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Known answers: the RFC 7634 Appendix A ESP packet, and ESP packets built by hand in the test with javax.crypto
 * (independently of the code under test) for fixed keys, SPI, sequence number, IV and plaintext.
 */
class EspKnownAnswerTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String s) {
        return HEX.parseHex(s.replaceAll("\\s", ""));
    }

    // RFC 7634 Appendix A: tunnel-mode ESP, ChaCha20-Poly1305, SPI 0x01020304, Seq 5, IV 0x1011121314151617
    private static final byte[] RFC7634_KEYMAT = hex("""
            808182838485868788898a8b8c8d8e8f 909192939495969798999a9b9c9d9e9f a0a1a2a3""");
    private static final byte[] RFC7634_INNER = hex("""
            45000054a6f2000040 01e778c6336405c0000205 08005b7a3a080000553bec10
            00073627 08090a0b0c0d0e0f1011121314151617 18191a1b1c1d1e1f2021222324252627
            28292a2b2c2d2e2f3031323334353637""");
    private static final byte[] RFC7634_ESP = hex("""
            01020304 00000005 1011121314151617
            24039428b97f417e3c13753a4f05087b 67c352e6a7fab1b982d466ef407ae5c6
            14ee8099d52844eb61aa95dfab4c02f7 2aa71e7c4c4f64c9befe2facc638e8f3
            cbec163fac469b502773f6fb94e664da 9165b82829f641e0
            76aaa8266b7fb0f7b11b369907e1ad43""");

    private static ChildSaSpec.DirectionKeys aead(EncryptionAlgorithm enc, int bits, int spi, byte[] key) {
        return new ChildSaSpec.DirectionKeys(spi, enc, bits, IntegrityAlgorithm.NONE, key, new byte[0]);
    }

    private static EspSa sa(ChildSaSpec.DirectionKeys in, ChildSaSpec.DirectionKeys out, boolean esn, long firstSeq,
                            byte[] fixedRandom) throws EspConfigException {
        return EspSa.create(EspFixtures.spec(in, out, esn, List.of(EspFixtures.NET_A), List.of(EspFixtures.NET_B),
                        ChildSaSpec.Lifetimes.NONE),
                b -> System.arraycopy(fixedRandom, 0, b, 0, b.length), EspEventListener.IGNORE, firstSeq);
    }

    @Test
    void rfc7634AppendixAPacketDecapsulatesToItsInnerPacket() throws Exception {
        ChildSaSpec.DirectionKeys k = aead(EncryptionAlgorithm.CHACHA20_POLY1305, 256, 0x01020304, RFC7634_KEYMAT);
        EspSa sa = sa(k, k, false, 1, new byte[0]);
        byte[] out = new byte[200];
        int n = sa.inbound().decapsulate(RFC7634_ESP, 0, RFC7634_ESP.length, out, 0);
        assertThat(n).isEqualTo(0x54);
        assertThat(Arrays.copyOf(out, n)).isEqualTo(RFC7634_INNER);
        assertThat(sa.inbound().highestSequenceNumber()).isEqualTo(5);
    }

    @Test
    void rfc7634OutboundUsesTheSameConstructionWithTheSequenceNumberAsIv() throws Exception {
        ChildSaSpec.DirectionKeys k = aead(EncryptionAlgorithm.CHACHA20_POLY1305, 256, 0x01020304, RFC7634_KEYMAT);
        EspSa sa = sa(k, k, false, 5, new byte[0]);
        byte[] out = new byte[200];
        int n = sa.outbound().encapsulate(RFC7634_INNER, 0, RFC7634_INNER.length, out, 0);
        // the RFC's packet with our IV (the sequence number) instead of 0x1011121314151617, built with javax.crypto
        byte[] iv = hex("0000000000000005");
        Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(RFC7634_KEYMAT, 0, 32, "ChaCha20"),
                new IvParameterSpec(concat(hex("a0a1a2a3"), iv)));
        c.updateAAD(hex("0102030400000005"));
        byte[] ct = c.doFinal(concat(RFC7634_INNER, hex("01020204")));
        assertThat(Arrays.copyOf(out, n)).isEqualTo(concat(hex("0102030400000005"), iv, ct));
    }

    @ParameterizedTest(name = "{0}-{1} esn={2}")
    @CsvSource({"AES_GCM_16,128,false", "AES_GCM_16,256,true", "AES_GCM_12,192,false", "AES_GCM_12,128,true",
            "AES_GCM_8,128,false", "AES_GCM_8,256,true", "CHACHA20_POLY1305,256,false", "CHACHA20_POLY1305,256,true"})
    void aeadPacketMatchesHandBuiltPacket(EncryptionAlgorithm enc, int bits, boolean esn) throws Exception {
        byte[] keymat = EspFixtures.fill(bits / 8 + 4, 0x40);
        int spi = 0x11223344;
        long seq = esn ? 0x0000000a_fffffffeL : 0x12345678L;
        byte[] inner = EspFixtures.ipv4To(21); // 49 bytes: 49 + 2 -> padded to 52 with 1 pad byte
        EspSa sa = sa(aead(enc, bits, spi, keymat), aead(enc, bits, spi, keymat), esn, seq, new byte[0]);
        byte[] out = new byte[200];
        int n = sa.outbound().encapsulate(inner, 0, inner.length, out, 0);

        byte[] header = ByteBuffer.allocate(8).putInt(spi).putInt((int) seq).array();
        byte[] iv = ByteBuffer.allocate(8).putLong(seq).array();
        byte[] aad = esn ? ByteBuffer.allocate(12).putInt(spi).putInt((int) (seq >>> 32)).putInt((int) seq).array() : header;
        byte[] plaintext = concat(inner, hex("01 01 04"));
        byte[] nonce = concat(Arrays.copyOfRange(keymat, bits / 8, bits / 8 + 4), iv);
        Cipher c;
        if (enc == EncryptionAlgorithm.CHACHA20_POLY1305) {
            c = Cipher.getInstance("ChaCha20-Poly1305");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keymat, 0, 32, "ChaCha20"), new IvParameterSpec(nonce));
        } else {
            c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keymat, 0, bits / 8, "AES"), new GCMParameterSpec(128, nonce));
        }
        c.updateAAD(aad);
        byte[] full = c.doFinal(plaintext);
        // a GCM tag of t bytes is the first t bytes of the full tag (SP 800-38D 7.1)
        byte[] ctAndIcv = Arrays.copyOf(full, plaintext.length + enc.icvLength());
        assertThat(HEX.formatHex(Arrays.copyOf(out, n))).isEqualTo(HEX.formatHex(concat(header, iv, ctAndIcv)));

        // and the inbound side accepts the hand-built packet
        byte[] back = new byte[200];
        byte[] pkt = concat(header, iv, ctAndIcv);
        EspSa rx = sa(aead(enc, bits, spi, keymat), aead(enc, bits, spi, keymat), esn, 1, new byte[0]);
        if (esn) assertThat(rx.inbound().decapsulate(pkt, 0, pkt.length, back, 0)).as("fresh ESN window").isNegative();
        else assertThat(rx.inbound().decapsulate(pkt, 0, pkt.length, back, 0)).isEqualTo(inner.length);
    }

    @ParameterizedTest(name = "{0}-{1} esn={2}")
    @CsvSource({"HMAC_SHA1_96,HmacSHA1,128,false", "HMAC_SHA2_256_128,HmacSHA256,128,true",
            "HMAC_SHA2_384_192,HmacSHA384,192,false", "HMAC_SHA2_512_256,HmacSHA512,256,true"})
    void cbcPacketMatchesHandBuiltPacket(IntegrityAlgorithm integ, String macName, int bits, boolean esn)
            throws Exception {
        byte[] encKey = EspFixtures.fill(bits / 8, 0x20);
        byte[] intKey = EspFixtures.fill(integ.keyLength(), 0x60);
        byte[] iv = EspFixtures.fill(16, 0xa0);
        int spi = 0xcafe0001;
        long seq = esn ? 0x00000003_00000010L : 0x10L;
        ChildSaSpec.DirectionKeys k = new ChildSaSpec.DirectionKeys(spi, EncryptionAlgorithm.AES_CBC, bits, integ,
                encKey, intKey);
        EspSa sa = sa(k, k, esn, seq, iv);
        byte[] inner = EspFixtures.ipv6(3); // 43 bytes: 43 + 2 -> padded to 48 with 3 pad bytes
        byte[] out = new byte[200];
        int n = sa.outbound().encapsulate(inner, 0, inner.length, out, 0);

        byte[] header = ByteBuffer.allocate(8).putInt(spi).putInt((int) seq).array();
        Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(encKey, "AES"), new IvParameterSpec(iv));
        byte[] ct = c.doFinal(concat(inner, hex("010203 03 29")));
        Mac mac = Mac.getInstance(macName);
        mac.init(new SecretKeySpec(intKey, macName));
        mac.update(concat(header, iv, ct));
        if (esn) mac.update(ByteBuffer.allocate(4).putInt((int) (seq >>> 32)).array()); // RFC 4303 3.3.2.2
        byte[] icv = Arrays.copyOf(mac.doFinal(), integ.icvLength());
        assertThat(HEX.formatHex(Arrays.copyOf(out, n))).isEqualTo(HEX.formatHex(concat(header, iv, ct, icv)));
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] r = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, r, o, p.length);
            o += p.length;
        }
        return r;
    }
}
