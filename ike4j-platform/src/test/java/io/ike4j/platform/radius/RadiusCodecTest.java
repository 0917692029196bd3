package io.ike4j.platform.radius;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RadiusCodecTest {
    static final HexFormat HEX = HexFormat.of();
    static final byte[] SECRET = "xyzzy5461".getBytes(StandardCharsets.US_ASCII);

    /** RFC 2865 7.1: the Access-Request/Access-Accept example with secret "xyzzy5461". */
    @Test
    void rfc2865ExampleResponseAuthenticatorVerifies() {
        byte[] request = HEX.parseHex("010000380f403f9473978057bd83d5cb98f4227a01066e656d6f02120dbe708d93d413ce3196e43f782a0aee0406c0a8011005060000000" + "3");
        byte[] accept = HEX.parseHex("0200002686fe220e7624ba2a1005f6bf9b55e0b20606000000010f06000000000e06c0a80103");
        RadiusPacket req = ((RadiusDecodeResult.Decoded) RadiusPacket.decode(request)).packet();
        assertThat(req.code()).isEqualTo(RadiusCode.ACCESS_REQUEST);
        assertThat(new String(req.first(RadiusAttributeType.USER_NAME).orElseThrow().value())).isEqualTo("nemo");
        assertThat(req.encode()).isEqualTo(request);
        assertThat(RadiusCrypto.verifyReply(accept, accept.length, req.authenticator(), SECRET, false)).isEmpty();
        assertThat(RadiusCrypto.verifyReply(accept, accept.length, req.authenticator(), SECRET, true))
                .map(RadiusDrop::kind).contains(RadiusDrop.Kind.MISSING_MESSAGE_AUTHENTICATOR);
        byte[] tampered = accept.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThat(RadiusCrypto.verifyReply(tampered, tampered.length, req.authenticator(), SECRET, false))
                .map(RadiusDrop::kind).contains(RadiusDrop.Kind.BAD_RESPONSE_AUTHENTICATOR);
    }

    @Test
    void eapMessageSplitAt253AndReassembled() {
        byte[] eap = new byte[600];
        new Random(1).nextBytes(eap);
        List<RadiusAttribute> attrs = RadiusPacket.eapAttributes(eap);
        assertThat(attrs).extracting(a -> a.value().length).containsExactly(253, 253, 94);
        RadiusPacket p = new RadiusPacket(RadiusCode.ACCESS_CHALLENGE, 9, new byte[16], attrs);
        RadiusPacket back = ((RadiusDecodeResult.Decoded) RadiusPacket.decode(p.encode())).packet();
        assertThat(back.eapMessage()).hasValueSatisfying(b -> assertThat(b).isEqualTo(eap));
        assertThat(RadiusPacket.eapAttributes(new byte[0])).hasSize(1).allMatch(a -> a.value().length == 0);
    }

    @Test
    void signedRequestAndReplyMessageAuthenticators() {
        byte[] reqAuth = new byte[16];
        Arrays.fill(reqAuth, (byte) 7);
        byte[] req = new RadiusPacket(RadiusCode.ACCESS_REQUEST, 1, reqAuth, List.of(RadiusAttribute.text(1, "alice"),
                new RadiusAttribute(RadiusAttributeType.MESSAGE_AUTHENTICATOR, new byte[16]))).encode();
        RadiusCrypto.signRequest(req, SECRET);
        byte[] zeroed = req.clone();
        Arrays.fill(zeroed, req.length - 16, req.length, (byte) 0);
        assertThat(Arrays.copyOfRange(req, req.length - 16, req.length)).isEqualTo(RadiusCrypto.hmacMd5(SECRET, zeroed));

        byte[] reply = FakeRadiusServer.reply(RadiusCode.ACCESS_CHALLENGE, 1, reqAuth, SECRET,
                List.of(new RadiusAttribute(RadiusAttributeType.EAP_MESSAGE, HEX.parseHex("01020005" + "04"))), true);
        assertThat(RadiusCrypto.verifyReply(reply, reply.length, reqAuth, SECRET, true)).isEmpty();
        for (int i = 20; i < reply.length; i++) {
            byte[] bad = reply.clone();
            bad[i] ^= 0x10;
            assertThat(RadiusCrypto.verifyReply(bad, bad.length, reqAuth, SECRET, true)).isPresent();
        }
        byte[] noMa = FakeRadiusServer.reply(RadiusCode.ACCESS_CHALLENGE, 1, reqAuth, SECRET, List.of(), false);
        assertThat(RadiusCrypto.verifyReply(noMa, noMa.length, reqAuth, SECRET, true)).map(RadiusDrop::kind)
                .contains(RadiusDrop.Kind.MISSING_MESSAGE_AUTHENTICATOR);
    }

    @Test
    void mppeKeysRoundTripAndGiveMsk() {
        byte[] reqAuth = HEX.parseHex("00112233445566778899aabbccddeeff");
        byte[] recv = HEX.parseHex("0102030405060708090a0b0c0d0e0f10");
        byte[] send = HEX.parseHex("1112131415161718191a1b1c1d1e1f20");
        byte[] encRecv = RadiusCrypto.encryptMppeKey(recv, SECRET, reqAuth, new byte[] {1, 2});
        assertThat(encRecv).hasSize(2 + 32);
        assertThat(encRecv[0] & 0x80).isNotZero();
        assertThat(RadiusCrypto.decryptMppeKey(encRecv, SECRET, reqAuth)).hasValueSatisfying(k -> assertThat(k).isEqualTo(recv));
        assertThat(RadiusCrypto.decryptMppeKey(encRecv, "other".getBytes(), reqAuth)).isNotEqualTo(Optional.of(recv));
        assertThat(RadiusCrypto.decryptMppeKey(Arrays.copyOf(encRecv, 20), SECRET, reqAuth)).isEmpty();
        assertThat(RadiusCrypto.decryptMppeKey(new byte[] {0, 0}, SECRET, reqAuth)).isEmpty();
        byte[] encSend = RadiusCrypto.encryptMppeKey(send, SECRET, reqAuth, new byte[] {3, 4});
        RadiusPacket accept = new RadiusPacket(RadiusCode.ACCESS_ACCEPT, 1, new byte[16], List.of(
                new RadiusAttribute(26, new VendorAttribute(311, 16, encSend).encode()),
                new RadiusAttribute(26, new VendorAttribute(311, 17, encRecv).encode())));
        byte[] msk = RadiusEapProxy.msk(accept, SECRET, reqAuth).orElseThrow();
        assertThat(msk).hasSize(64);
        assertThat(Arrays.copyOfRange(msk, 0, 16)).isEqualTo(recv);
        assertThat(Arrays.copyOfRange(msk, 16, 32)).isEqualTo(send);
        assertThat(Arrays.copyOfRange(msk, 32, 64)).containsOnly((byte) 0);
        RadiusPacket onlyOne = new RadiusPacket(RadiusCode.ACCESS_ACCEPT, 1, new byte[16], List.of(
                new RadiusAttribute(26, new VendorAttribute(311, 16, encSend).encode())));
        assertThat(RadiusEapProxy.msk(onlyOne, SECRET, reqAuth)).isEmpty();
    }

    @Test
    void malformedPacketsAreTypedDropsAtEveryLength() {
        byte[] valid = new RadiusPacket(RadiusCode.ACCESS_ACCEPT, 3, new byte[16],
                List.of(RadiusAttribute.text(18, "hello"), new RadiusAttribute(26, new byte[] {0, 0, 1, 55, 16, 4, 1, 2}))).encode();
        for (int n = 0; n < valid.length; n++) {
            assertThat(RadiusPacket.decode(Arrays.copyOf(valid, n))).isInstanceOf(RadiusDecodeResult.Dropped.class);
        }
        for (int len = 0; len < 5000; len++) {
            byte[] b = Arrays.copyOf(valid, Math.max(valid.length, 4100));
            b[2] = (byte) (len >>> 8);
            b[3] = (byte) len;
            RadiusDecodeResult r = RadiusPacket.decode(b);
            if (len == valid.length) assertThat(r).isInstanceOf(RadiusDecodeResult.Decoded.class);
            if (len < 20 || len > 4096) assertThat(r).isInstanceOf(RadiusDecodeResult.Dropped.class);
        }
        byte[] zeroLenAttr = valid.clone();
        zeroLenAttr[21] = 0;
        assertThat(((RadiusDecodeResult.Dropped) RadiusPacket.decode(zeroLenAttr)).drop().kind()).isEqualTo(RadiusDrop.Kind.BAD_ATTRIBUTE);
        byte[] badCode = valid.clone();
        badCode[0] = 99;
        assertThat(((RadiusDecodeResult.Dropped) RadiusPacket.decode(badCode)).drop().kind()).isEqualTo(RadiusDrop.Kind.UNKNOWN_CODE);
        assertThat(VendorAttribute.parse(new byte[] {0, 0, 1, 55, 16, 9, 1})).isEmpty();
        assertThat(VendorAttribute.parse(new byte[] {0, 0, 1, 55, 16, 3, 1})).singleElement()
                .satisfies(v -> assertThat(v.vendorId()).isEqualTo(311));
        Random rnd = new Random(3);
        for (int i = 0; i < 20000; i++) {
            byte[] b = new byte[rnd.nextInt(60)];
            rnd.nextBytes(b);
            assertThat(RadiusPacket.decode(b)).isNotNull();
            assertThat(VendorAttribute.parse(b)).isNotNull();
            assertThat(RadiusCrypto.decryptMppeKey(b, SECRET, new byte[16])).isNotNull();
        }
    }
}
