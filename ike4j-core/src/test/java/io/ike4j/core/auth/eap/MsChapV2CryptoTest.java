package io.ike4j.core.auth.eap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Known answers from RFC 2759 9.2 and RFC 3079 3.5.3. */
class MsChapV2CryptoTest {
    static final HexFormat HEX = HexFormat.of().withUpperCase();
    static final byte[] USER = "User".getBytes(StandardCharsets.US_ASCII);
    static final String PASSWORD = "clientPass";
    static final byte[] AUTH_CHALLENGE = HEX.parseHex("5B5D7C7D7B3F2F3E3C2C602132262628");
    static final byte[] PEER_CHALLENGE = HEX.parseHex("21402324255E262A28295F2B3A337C7E");
    static final byte[] NT_RESPONSE = HEX.parseHex("82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF");

    @Test
    void rfc2759WorkedExample() {
        byte[] hash = MsChapV2Crypto.ntPasswordHash(PASSWORD);
        assertThat(HEX.formatHex(hash)).isEqualTo("44EBBA8D5312B8D611474411F56989AE");
        assertThat(HEX.formatHex(MsChapV2Crypto.hashNtPasswordHash(hash))).isEqualTo("41C00C584BD2D91C4017A2A12FA59F3F");
        assertThat(HEX.formatHex(MsChapV2Crypto.challengeHash(PEER_CHALLENGE, AUTH_CHALLENGE, USER))).isEqualTo("D02E4386BCE91226");
        assertThat(MsChapV2Crypto.ntResponse(AUTH_CHALLENGE, PEER_CHALLENGE, USER, hash)).isEqualTo(NT_RESPONSE);
        byte[] auth = MsChapV2Crypto.authenticatorResponse(hash, NT_RESPONSE, PEER_CHALLENGE, AUTH_CHALLENGE, USER);
        assertThat(MsChapV2Crypto.authenticatorResponseString(auth)).isEqualTo("S=407A5589115FD0D6209F510FE9C04566932CDA56");
    }

    @Test
    void rfc3079MasterAndStartKeys() {
        byte[] hashHash = HEX.parseHex("41C00C584BD2D91C4017A2A12FA59F3F");
        byte[] master = MsChapV2Crypto.masterKey(hashHash, NT_RESPONSE);
        assertThat(HEX.formatHex(master)).isEqualTo("FDECE3717A8C838CB388E527AE3CDD31");
        // RFC 3079 3.5.3 SendStartKey128 is the server's send key (Magic3) = the client's receive key.
        byte[] serverSend = MsChapV2Crypto.asymmetricStartKey(master, true, true);
        assertThat(HEX.formatHex(serverSend)).isEqualTo("8B7CDC149B993A1BA118CB153F56DCCB");
        assertThat(MsChapV2Crypto.asymmetricStartKey(master, false, false)).isEqualTo(serverSend);
        assertThat(MsChapV2Crypto.asymmetricStartKey(master, true, false))
                .isEqualTo(MsChapV2Crypto.asymmetricStartKey(master, false, true))
                .isNotEqualTo(serverSend);
    }

    @Test
    void mskIsServerReceiveThenSendKeyPaddedTo64() {
        byte[] hash = MsChapV2Crypto.ntPasswordHash(PASSWORD);
        byte[] msk = MsChapV2Crypto.msk(hash, NT_RESPONSE);
        byte[] master = HEX.parseHex("FDECE3717A8C838CB388E527AE3CDD31");
        assertThat(msk).hasSize(64);
        assertThat(Arrays.copyOfRange(msk, 0, 16)).isEqualTo(MsChapV2Crypto.asymmetricStartKey(master, false, true));
        assertThat(HEX.formatHex(Arrays.copyOfRange(msk, 16, 32))).isEqualTo("8B7CDC149B993A1BA118CB153F56DCCB");
        assertThat(Arrays.copyOfRange(msk, 32, 64)).containsOnly((byte) 0);
    }

    @Test
    void desKeyExpansionSpreadsSevenBitGroups() {
        // An all-ones 7-byte key expands to 0xFE bytes (parity bits clear); DES with it is deterministic.
        byte[] a = MsChapV2Crypto.desEncrypt(new byte[8], HEX.parseHex("FFFFFFFFFFFFFF"));
        byte[] b = MsChapV2Crypto.desEncrypt(new byte[8], HEX.parseHex("FFFFFFFFFFFFFE"));
        assertThat(a).hasSize(8).isNotEqualTo(b);
    }
}
