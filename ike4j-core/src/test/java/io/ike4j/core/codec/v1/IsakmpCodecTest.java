package io.ike4j.core.codec.v1;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.DecodeError;
import io.ike4j.core.codec.DecodeResult;
import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeHeader;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.IkeMessageCodec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class IsakmpCodecTest {
    private final IsakmpCodec codec = new IsakmpCodec();

    static IsakmpMessage decodePlain(IsakmpCodec codec, byte[] datagram) {
        V1Result<IsakmpDatagram> r = codec.decode(datagram);
        assertThat(r).isInstanceOf(V1Result.Decoded.class);
        return ((IsakmpDatagram.Plain) ((V1Result.Decoded<IsakmpDatagram>) r).value()).message();
    }

    static V1DecodeError rejected(V1Result<?> r) {
        assertThat(r).isInstanceOf(V1Result.Rejected.class);
        return ((V1Result.Rejected<?>) r).error();
    }

    @Test
    void everyPayloadRoundTrips() {
        for (V1Payload p : V1Fixtures.everyPayload()) {
            IsakmpMessage m = new IsakmpMessage(V1Fixtures.header(V1ExchangeType.INFORMATIONAL, 7), List.of(p));
            byte[] wire = codec.encode(m);
            IsakmpMessage back = decodePlain(codec, wire);
            assertThat(back.payloads()).as(p.toString()).containsExactly(p);
            assertThat(back.header().length()).isEqualTo(wire.length);
            assertThat(codec.encode(back)).isEqualTo(wire);
        }
        // ... and all of them chained in one message.
        IsakmpMessage all = new IsakmpMessage(V1Fixtures.header(V1ExchangeType.TRANSACTION, 9),
                V1Fixtures.everyPayload());
        byte[] wire = codec.encode(all);
        assertThat(decodePlain(codec, wire).payloads()).isEqualTo(all.payloads());
    }

    @Test
    void handBuiltMainModeFirstMessageDecodes() {
        byte[] mm1 = HexFormat.of().parseHex(
                "0102030405060708" + "0000000000000000" + "01" + "10" + "02" + "00" + "00000000" + "00000054"
                        + "00000038" + "00000001" + "00000001"
                        + "0000002c" + "01010001"
                        + "00000024" + "01010000"
                        + "80010007" + "800e0080" + "80020002" + "80030001" + "80040002" + "800b0001" + "800c7080");
        IsakmpMessage m = decodePlain(codec, mm1);
        assertThat(m.header().initiatorCookie()).isEqualTo(0x0102030405060708L);
        assertThat(m.header().exchange()).contains(V1ExchangeType.IDENTITY_PROTECTION);
        assertThat(m.header().encryption()).isFalse();
        V1Payload.Sa sa = m.first(V1Payload.Sa.class).orElseThrow();
        assertThat(sa.doi()).isEqualTo(1);
        V1Proposal p = sa.proposals().getFirst();
        assertThat(p.protocol()).contains(V1ProtocolId.ISAKMP);
        assertThat(p.spi().isEmpty()).isTrue();
        V1Transform t = p.transforms().getFirst();
        assertThat(t.transformId()).isEqualTo(IsakmpTransformId.KEY_IKE.value());
        assertThat(t.attribute(Phase1AttributeType.ENCRYPTION_ALGORITHM).map(DataAttribute::intValue))
                .contains(V1EncryptionAlgorithm.AES_CBC.value());
        assertThat(t.attribute(Phase1AttributeType.KEY_LENGTH).map(DataAttribute::intValue)).contains(128);
        assertThat(t.attribute(Phase1AttributeType.GROUP_DESCRIPTION).map(DataAttribute::intValue))
                .contains(V1Group.MODP_1024.value());
        assertThat(t.attribute(Phase1AttributeType.LIFE_DURATION).orElseThrow().longValue()).hasValue(28800);
        assertThat(codec.encode(m)).isEqualTo(mm1);
        // The same message built from records encodes to the same bytes.
        V1Transform built = new V1Transform(1, 1, List.of(
                DataAttribute.basic(Phase1AttributeType.ENCRYPTION_ALGORITHM, V1EncryptionAlgorithm.AES_CBC),
                DataAttribute.basic(Phase1AttributeType.KEY_LENGTH, 128),
                DataAttribute.basic(Phase1AttributeType.HASH_ALGORITHM, V1HashAlgorithm.SHA1),
                DataAttribute.basic(Phase1AttributeType.AUTHENTICATION_METHOD, V1AuthMethod.PRE_SHARED_KEY),
                DataAttribute.basic(Phase1AttributeType.GROUP_DESCRIPTION, V1Group.MODP_1024),
                DataAttribute.basic(Phase1AttributeType.LIFE_TYPE, V1LifeType.SECONDS),
                DataAttribute.lifeDuration(Phase1AttributeType.LIFE_DURATION, 28800)));
        IsakmpMessage rebuilt = new IsakmpMessage(IsakmpHeader.of(0x0102030405060708L, 0,
                V1ExchangeType.IDENTITY_PROTECTION, false, 0), List.of(V1Payload.Sa.ipsec(List.of(
                new V1Proposal(1, 1, Octets.EMPTY, List.of(built))))));
        assertThat(codec.encode(rebuilt)).isEqualTo(mm1);
    }

    @Test
    void mainModeMessagesRoundTrip() {
        for (IsakmpMessage m : V1Fixtures.mainMode()) {
            byte[] wire = codec.encode(m);
            IsakmpMessage back = decodePlain(codec, wire);
            assertThat(back.payloads()).isEqualTo(m.payloads());
            assertThat(codec.encode(back)).isEqualTo(wire);
        }
        assertThat(V1Fixtures.mainMode().get(1).first(V1Payload.Sa.class).orElseThrow().proposals().getFirst()
                .transforms().get(1).attribute(Phase1AttributeType.LIFE_DURATION).orElseThrow().basic()).isFalse();
    }

    @Test
    void encryptedMessagesKeepTheCiphertextAndChainsTolerateTrailingPadding() {
        byte[] ct = V1Fixtures.bytes(48, 3);
        IsakmpHeader h = V1Fixtures.header(V1ExchangeType.QUICK_MODE, 0x12345678L);
        byte[] wire = codec.encodeEncrypted(h, V1PayloadType.HASH.value(), ct);
        V1Result<IsakmpDatagram> r = codec.decode(wire);
        IsakmpDatagram.Encrypted e = (IsakmpDatagram.Encrypted) ((V1Result.Decoded<IsakmpDatagram>) r).value();
        assertThat(e.header().encryption()).isTrue();
        assertThat(e.header().nextPayload()).isEqualTo(V1PayloadType.HASH.value());
        assertThat(e.ciphertext().bytes()).isEqualTo(ct);
        assertThat(codec.encodeEncrypted(e.header(), e.header().nextPayload(), e.ciphertext().bytes())).isEqualTo(wire);

        for (List<V1Payload> chain : V1Fixtures.encryptedChains()) {
            byte[] plain = codec.encodePayloads(chain);
            for (int pad : new int[] {0, 1, 7, 16}) {
                byte[] padded = Arrays.copyOf(plain, plain.length + pad);
                if (pad > 0) padded[padded.length - 1] = (byte) pad;
                V1Result<DecryptedPayloads> d = codec.decodePayloads(chain.getFirst().payloadType(), padded);
                DecryptedPayloads dp = ((V1Result.Decoded<DecryptedPayloads>) d).value();
                assertThat(dp.payloads()).isEqualTo(chain);
                assertThat(dp.chainLength()).isEqualTo(plain.length);
                assertThat(dp.padding().length()).isEqualTo(pad);
            }
        }
    }

    @Test
    void headerChecksFollowRfc2408Section5() {
        byte[] good = codec.encode(V1Fixtures.mainMode().get(0));
        byte[] v2 = good.clone();
        v2[17] = 0x20;
        assertThat(rejected(codec.decode(v2)).kind()).isEqualTo(V1DecodeError.Kind.INVALID_MAJOR_VERSION);
        assertThat(rejected(codec.decode(v2)).answer()).contains(V1NotifyType.INVALID_MAJOR_VERSION);
        byte[] minor = good.clone();
        minor[17] = 0x11;
        assertThat(rejected(codec.decode(minor)).kind()).isEqualTo(V1DecodeError.Kind.INVALID_MINOR_VERSION);
        byte[] exch = good.clone();
        exch[18] = 34; // IKE_SA_INIT
        assertThat(rejected(codec.decode(exch)).kind()).isEqualTo(V1DecodeError.Kind.INVALID_EXCHANGE_TYPE);
        byte[] flags = good.clone();
        flags[19] = 0x08;
        assertThat(rejected(codec.decode(flags)).kind()).isEqualTo(V1DecodeError.Kind.INVALID_FLAGS);
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        V1DecodeError drop = rejected(codec.decode(longer));
        assertThat(drop.kind()).isEqualTo(V1DecodeError.Kind.DROP);
        assertThat(drop.answer()).isEmpty();
        assertThat(rejected(codec.decode(new byte[27])).kind()).isEqualTo(V1DecodeError.Kind.DROP);
    }

    @Test
    void ikev2MessagesAndPayloadTypesAreRejectedCleanly() {
        byte[] ikev2 = new IkeMessageCodec().encode(new IkeMessage(IkeHeader.of(1, 0, ExchangeType.IKE_SA_INIT,
                true, false, 0), List.of()));
        assertThat(rejected(codec.decode(ikev2)).kind()).isEqualTo(V1DecodeError.Kind.INVALID_MAJOR_VERSION);
        // The reverse: an IKEv1 datagram handed to the IKEv2 codec.
        DecodeResult v2 = new IkeMessageCodec().decode(codec.encode(V1Fixtures.mainMode().get(0)));
        assertThat(((DecodeResult.Rejected) v2).error().kind()).isEqualTo(DecodeError.Kind.INVALID_MAJOR_VERSION);
        for (int type = 33; type <= 54; type++) {
            byte[] wire = codec.encode(new IsakmpMessage(V1Fixtures.header(V1ExchangeType.INFORMATIONAL, 1),
                    List.of(new V1Payload.Nonce(Octets.of(V1Fixtures.bytes(16, 1))))));
            wire[16] = (byte) type;
            V1DecodeError e = rejected(codec.decode(wire));
            assertThat(e.kind()).isEqualTo(V1DecodeError.Kind.INVALID_PAYLOAD_TYPE);
            assertThat(e.payloadType()).contains(type);
            assertThat(e.detail()).contains("IKEv2");
            assertThat(e.answer()).contains(V1NotifyType.INVALID_PAYLOAD_TYPE);
        }
    }

    @Test
    void payloadChecksGiveTypedErrors() {
        assertRejected(sa(2, 1, 1, 1), V1DecodeError.Kind.DOI_NOT_SUPPORTED);
        assertRejected(sa(1, 2, 1, 1), V1DecodeError.Kind.SITUATION_NOT_SUPPORTED);
        assertRejected(sa(1, 1, 9, 1), V1DecodeError.Kind.INVALID_PROTOCOL_ID);
        assertRejected(sa(1, 1, 1, 2), V1DecodeError.Kind.BAD_PROPOSAL_SYNTAX);
        assertRejected(sa(1, 1, 1, 0), V1DecodeError.Kind.BAD_PROPOSAL_SYNTAX);
        // ID: IPv4 address of 5 bytes, unknown ID type.
        assertRejected(payload(5, "01000000c000020101"), V1DecodeError.Kind.INVALID_ID_INFORMATION);
        assertRejected(payload(5, "63000000c0000201"), V1DecodeError.Kind.INVALID_ID_INFORMATION);
        // Nonce of 7 and 257 bytes (RFC 2409 5).
        assertRejected(payload(10, "00".repeat(7)), V1DecodeError.Kind.PAYLOAD_MALFORMED);
        assertRejected(payload(10, "00".repeat(257)), V1DecodeError.Kind.PAYLOAD_MALFORMED);
        // Delete: 2 SPIs of 4 bytes announced, 5 bytes present.
        assertRejected(payload(12, "00000001" + "03" + "04" + "0002" + "0102030405"), V1DecodeError.Kind.PAYLOAD_MALFORMED);
        // NAT-OA with an FQDN ID type; notification SPI size beyond the body.
        assertRejected(payload(21, "02000000" + "61626364"), V1DecodeError.Kind.PAYLOAD_MALFORMED);
        assertRejected(payload(11, "00000001" + "01" + "10" + "0001" + "0102"), V1DecodeError.Kind.PAYLOAD_MALFORMED);
        // Empty HASH, reserved byte set, unknown (non-private) type, proposal as a top-level payload.
        assertRejected(payload(8, ""), V1DecodeError.Kind.PAYLOAD_MALFORMED);
        byte[] reserved = payload(8, "0102");
        reserved[29] = 1;
        assertRejected(reserved, V1DecodeError.Kind.PAYLOAD_MALFORMED);
        assertRejected(payload(60, "0102"), V1DecodeError.Kind.INVALID_PAYLOAD_TYPE);
        assertRejected(payload(2, "0102"), V1DecodeError.Kind.INVALID_PAYLOAD_TYPE);
        assertThat(decodePlain(codec, payload(250, "0102")).payloads().getFirst())
                .isEqualTo(new V1Payload.Unknown(250, Octets.ofHex("0102")));
    }

    private void assertRejected(byte[] wire, V1DecodeError.Kind kind) {
        V1DecodeError e = rejected(codec.decode(wire));
        assertThat(e.kind()).as(e.toString()).isEqualTo(kind);
        assertThat(e.offset()).isBetween(0, wire.length);
    }

    /** An Informational message with one payload of the given type and body hex. */
    private static byte[] payload(int type, String bodyHex) {
        byte[] body = HexFormat.of().parseHex(bodyHex);
        int len = 28 + 4 + body.length;
        return HexFormat.of().parseHex("0102030405060708" + "1112131415161718" + String.format("%02x", type) + "10"
                + "05" + "00" + "00000001" + String.format("%08x", len) + "00" + "00" + String.format("%04x", 4 + body.length)
                + bodyHex);
    }

    /** An SA payload with one proposal (ISAKMP-style) whose transform count is {@code announced}. */
    private static byte[] sa(int doi, int situation, int protocol, int announced) {
        String transform = "00000008" + "01010000";
        String proposal = "00000010" + "01" + String.format("%02x", protocol) + "00" + String.format("%02x", announced)
                + transform;
        return payload(1, String.format("%08x%08x", doi, situation) + proposal);
    }
}
