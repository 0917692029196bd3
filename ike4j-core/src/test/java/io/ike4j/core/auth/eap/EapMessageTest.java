package io.ike4j.core.auth.eap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EapMessageTest {
    static final HexFormat HEX = HexFormat.of();

    static EapMessage decoded(byte[] b) {
        EapDecodeResult r = EapMessage.decode(b);
        assertThat(r).isInstanceOf(EapDecodeResult.Decoded.class);
        return ((EapDecodeResult.Decoded) r).message();
    }

    static EapError.Kind error(byte[] b) {
        EapDecodeResult r = EapMessage.decode(b);
        assertThat(r).isInstanceOf(EapDecodeResult.Malformed.class);
        return ((EapDecodeResult.Malformed) r).error().kind();
    }

    @Test
    void identityRequestAndResponseRoundTrip() {
        assertThat(EapMessage.request(1, 1, new byte[0]).encode()).isEqualTo(HEX.parseHex("0101000501"));
        EapMessage resp = decoded(HEX.parseHex("0201000a01616c696365"));
        assertThat(resp.code()).isEqualTo(EapCode.RESPONSE);
        assertThat(resp.isType(EapType.IDENTITY)).isTrue();
        assertThat(new String(resp.typeData())).isEqualTo("alice");
        assertThat(resp.encode()).isEqualTo(HEX.parseHex("0201000a01616c696365"));
    }

    @Test
    void successAndFailureAreFourOctets() {
        assertThat(decoded(HEX.parseHex("03070004"))).isEqualTo(EapMessage.success(7));
        assertThat(decoded(HEX.parseHex("04ff0004"))).isEqualTo(EapMessage.failure(255));
        assertThat(error(HEX.parseHex("0307000500"))).isEqualTo(EapError.Kind.BAD_LENGTH);
    }

    @Test
    void trailingOctetsBeyondLengthAreIgnoredAsPadding() {
        EapMessage m = decoded(HEX.parseHex("0201000601aa" + "0000"));
        assertThat(m.typeData()).isEqualTo(new byte[] {(byte) 0xaa});
    }

    @ParameterizedTest
    @CsvSource({
        "'', TOO_SHORT", "01, TOO_SHORT", "010100, TOO_SHORT",
        "01010003, BAD_LENGTH", "01010000, BAD_LENGTH", "0101000601, BAD_LENGTH", "0101ffff01, BAD_LENGTH",
        "05010004, UNKNOWN_CODE", "00010004, UNKNOWN_CODE",
        "01010004, MISSING_TYPE", "0201000500, MISSING_TYPE",
        "01010008fe000000, MALFORMED_TYPE_DATA", "0101000bfe000000000000, MALFORMED_TYPE_DATA"
    })
    void malformedPacketsGiveTypedErrors(String hex, EapError.Kind kind) {
        assertThat(error(HEX.parseHex(hex))).isEqualTo(kind);
    }

    @Test
    void expandedTypeIsCarriedUninterpreted() {
        EapMessage m = decoded(HEX.parseHex("0105000cfe00137f00000001aa"));
        assertThat(m.type()).isEqualTo(254);
        assertThat(m.typeData()).hasSize(7);
        assertThat(EapType.isMethod(254)).isFalse();
    }

    @Test
    void nakListsDesiredTypes() {
        EapMessage nak = EapMessage.nak(3, List.of(26, 13));
        assertThat(nak.encode()).isEqualTo(HEX.parseHex("02030007031a0d"));
        assertThat(decoded(nak.encode()).nakDesiredTypes()).containsExactly(26, 13);
        assertThat(EapMessage.nak(3, List.of()).encode()).isEqualTo(HEX.parseHex("020300060300"));
        assertThat(decoded(HEX.parseHex("020300060300")).nakDesiredTypes()).isEmpty();
    }

    @Test
    void everyTruncationAndEveryLengthFieldOfAValidPacketIsHandledWithoutExceptions() {
        byte[] valid = EapMessage.request(9, 26, new Random(1).ints(40, 0, 256).collect(() -> new java.io.ByteArrayOutputStream(),
                (o, i) -> o.write(i), (a, b) -> a.writeBytes(b.toByteArray())).toByteArray()).encode();
        for (int n = 0; n <= valid.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(valid, n);
            EapDecodeResult r = EapMessage.decode(cut);
            assertThat(r instanceof EapDecodeResult.Decoded).isEqualTo(n == valid.length);
        }
        for (int len = 0; len <= 0xffff; len += (len < 100 ? 1 : 97)) {
            byte[] b = valid.clone();
            b[2] = (byte) (len >>> 8);
            b[3] = (byte) len;
            EapDecodeResult r = EapMessage.decode(b);
            if (r instanceof EapDecodeResult.Decoded d) {
                assertThat(len).isBetween(5, valid.length);
                assertThat(d.message().length()).isEqualTo(len);
            }
        }
        Random rnd = new Random(42);
        for (int i = 0; i < 20000; i++) {
            byte[] b = new byte[rnd.nextInt(12)];
            rnd.nextBytes(b);
            assertThat(EapMessage.decode(b)).isNotNull();
        }
    }

    @Test
    void toStringHidesTypeData() {
        assertThat(EapMessage.response(1, 26, new byte[] {0x41, 0x42}).toString()).doesNotContain("41").contains("2 bytes");
    }
}
