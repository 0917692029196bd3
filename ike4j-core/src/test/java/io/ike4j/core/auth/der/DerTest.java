package io.ike4j.core.auth.der;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DerTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void encodesX690Examples() {
        assertThat(HEX.formatHex(Der.oid("1.2.840.113549.1.1.11"))).isEqualTo("06092a864886f70d01010b");
        assertThat(HEX.formatHex(Der.oid("2.5.29.19"))).isEqualTo("0603551d13");
        assertThat(HEX.formatHex(Der.integer(128))).isEqualTo("02020080");
        assertThat(HEX.formatHex(Der.integer(-1))).isEqualTo("0201ff");
        assertThat(HEX.formatHex(Der.namedBits(5, 6))).isEqualTo("03020106"); // keyCertSign|cRLSign
        assertThat(HEX.formatHex(Der.namedBits(0))).isEqualTo("03020780"); // digitalSignature
        assertThat(HEX.formatHex(Der.tlv(0x04, new byte[200])).substring(0, 6)).isEqualTo("0481c8");
        assertThat(HEX.formatHex(Der.tlv(0x04, new byte[300])).substring(0, 8)).isEqualTo("0482012c");
        assertThat(new String(Der.time(Instant.parse("2026-06-01T12:00:00Z")), StandardCharsets.US_ASCII)).endsWith("260601120000Z");
        assertThat(Der.time(Instant.parse("2050-01-01T00:00:00Z"))[0]).isEqualTo((byte) Der.GENERALIZED_TIME);
    }

    @Test
    void readsBackWhatItWrites() throws DerException {
        byte[] seq = Der.sequence(Der.oid("1.3.101.112"), Der.integer(BigInteger.valueOf(300)), Der.bitString(new byte[] {1, 2}));
        DerReader r = DerReader.single(seq).reader();
        assertThat(r.read(Der.OID).oid()).isEqualTo("1.3.101.112");
        assertThat(r.read().integer()).isEqualTo(BigInteger.valueOf(300));
        assertThat(r.read().bitStringBytes()).containsExactly(1, 2);
        r.expectEnd();
        assertThat(DerReader.single(Der.oid("2.16.840.1.101.3.4.2.3")).oid()).isEqualTo("2.16.840.1.101.3.4.2.3");
    }

    @Test
    void strictAboutMalformedInput() {
        assertThatThrownBy(() -> DerReader.single(HEX.parseHex("3004020101"))).isInstanceOf(DerException.class); // truncated
        assertThatThrownBy(() -> DerReader.single(HEX.parseHex("30020500ff"))).isInstanceOf(DerException.class); // trailing
        assertThatThrownBy(() -> DerReader.single(HEX.parseHex("3080050000"))).isInstanceOf(DerException.class); // indefinite
        assertThatThrownBy(() -> DerReader.single(HEX.parseHex("30810105"))).isInstanceOf(DerException.class); // non-minimal length
        assertThatThrownBy(() -> DerReader.single(HEX.parseHex("02020001")).integer()).isInstanceOf(DerException.class);
        assertThatThrownBy(() -> DerReader.single(HEX.parseHex("0200")).integer()).isInstanceOf(DerException.class);
        assertThatThrownBy(() -> DerReader.single(HEX.parseHex("06022a86")).oid()).isInstanceOf(DerException.class);
        assertThatThrownBy(() -> DerReader.single(HEX.parseHex("0603808001")).oid()).isInstanceOf(DerException.class);
        assertThatThrownBy(() -> DerReader.single(HEX.parseHex("1f0100"))).isInstanceOf(DerException.class);
        assertThatThrownBy(() -> DerReader.single(new byte[] {0x30})).isInstanceOf(DerException.class);
        assertThatThrownBy(() -> DerReader.single(HEX.parseHex("030201ff")).bitStringBytes()).isInstanceOf(DerException.class);
    }

    @Test
    void pemRoundTripAndErrors() throws DerException {
        byte[] der = new byte[100];
        der[0] = 0x30;
        String text = Pem.encode("CERTIFICATE", der) + Pem.encode("X509 CRL", new byte[] {5, 0});
        var blocks = Pem.decodeAll(text.getBytes(StandardCharsets.US_ASCII));
        assertThat(blocks).hasSize(2);
        assertThat(blocks.get(0).label()).isEqualTo("CERTIFICATE");
        assertThat(blocks.get(0).der()).isEqualTo(der);
        assertThat(blocks.get(1).label()).isEqualTo("X509 CRL");
        assertThat(Pem.isPem(der)).isFalse();
        assertThatThrownBy(() -> Pem.decodeAll("-----BEGIN X-----\nAAAA\n".getBytes(StandardCharsets.US_ASCII))).isInstanceOf(DerException.class);
        assertThatThrownBy(() -> Pem.decodeAll("-----BEGIN X-----\n!!!\n-----END X-----\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(DerException.class);
        assertThatThrownBy(() -> Pem.decodeAll("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\nAAAA\n-----END RSA PRIVATE KEY-----\n"
                .getBytes(StandardCharsets.US_ASCII))).isInstanceOf(DerException.class);
    }
}
