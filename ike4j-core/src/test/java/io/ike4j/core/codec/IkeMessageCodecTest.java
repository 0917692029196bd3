package io.ike4j.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.payload.KeyExchangePayload;
import io.ike4j.core.codec.payload.NoncePayload;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.codec.payload.SecurityAssociationPayload;
import io.ike4j.core.codec.payload.UnknownPayload;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class IkeMessageCodecTest {
    private final IkeMessageCodec codec = new IkeMessageCodec();

    static DecodeError rejected(DecodeResult r) {
        assertThat(r).isInstanceOf(DecodeResult.Rejected.class);
        return ((DecodeResult.Rejected) r).error();
    }

    static IkeMessage decoded(DecodeResult r) {
        assertThat(r).isInstanceOf(DecodeResult.Decoded.class);
        return ((DecodeResult.Decoded) r).message();
    }

    @Test
    void everyPayloadRoundTripsByteExactly() {
        for (Payload p : Fixtures.everyPlainPayload()) {
            IkeMessage m = new IkeMessage(Fixtures.header(ExchangeType.INFORMATIONAL, false), List.of(p));
            byte[] wire = codec.encode(m);
            IkeMessage back = decoded(codec.decode(wire));
            assertThat(back.payloads()).as(p.toString()).containsExactly(p);
            assertThat(codec.encode(back)).isEqualTo(wire);
        }
        IkeMessage all = new IkeMessage(Fixtures.header(ExchangeType.IKE_AUTH, true), Fixtures.everyPlainPayload());
        byte[] wire = codec.encode(all);
        IkeMessage back = decoded(codec.decode(wire));
        assertThat(back.payloads()).isEqualTo(all.payloads());
        assertThat(back.header().length()).isEqualTo(wire.length);
        assertThat(codec.encode(back)).isEqualTo(wire);
    }

    /** A hand-assembled IKE_SA_INIT request (RFC 7296 1.2, 3.1-3.4, 3.9, 3.10). */
    static final String SA_INIT_HEX =
            "0102030405060708" + "0000000000000000" + "21" + "20" + "22" + "08" + "00000000" + "000000c0"
            // SA: next KE, length 48; proposal #1 IKE, 4 transforms, length 44
            + "22000030" + "0000002c" + "01010004"
            + "0300000c" + "0100000c" + "800e0100"   // ENCR AES-CBC, key length 256
            + "03000008" + "02000005"                // PRF HMAC-SHA2-256
            + "03000008" + "0300000c"                // INTEG HMAC-SHA2-256-128
            + "00000008" + "04000013"                // KE ECP-256
            // KE: next Nonce, length 72, group 19
            + "28000048" + "00130000" + "11".repeat(64)
            // Nonce: next Notify, length 36
            + "29000024" + "22".repeat(32)
            // Notify IKEV2_FRAGMENTATION_SUPPORTED: last, length 8
            + "00000008" + "0000402e";

    @Test
    void decodesHandBuiltIkeSaInitRequest() {
        byte[] wire = HexFormat.of().parseHex(SA_INIT_HEX);
        assertThat(wire).hasSize(0xc0);
        IkeMessage m = decoded(codec.decode(wire));
        IkeHeader h = m.header();
        assertThat(h.initiatorSpi()).isEqualTo(0x0102030405060708L);
        assertThat(h.responderSpi()).isZero();
        assertThat(h.exchange()).contains(ExchangeType.IKE_SA_INIT);
        assertThat(h.initiator()).isTrue();
        assertThat(h.response()).isFalse();
        assertThat(h.majorVersion()).isEqualTo(2);
        SecurityAssociationPayload sa = (SecurityAssociationPayload) m.payloads().get(0);
        assertThat(sa.proposals()).hasSize(1);
        assertThat(sa.proposals().get(0).transforms()).extracting(t -> t.type() + "/" + t.id())
                .containsExactly("1/12", "2/5", "3/12", "4/19");
        assertThat(sa.proposals().get(0).transforms().get(0).keyLength()).contains(256);
        assertThat(m.payloads().get(1)).isEqualTo(new KeyExchangePayload(19, Fixtures.filled(64, 0x11)));
        assertThat(m.payloads().get(2)).isEqualTo(new NoncePayload(Fixtures.filled(32, 0x22)));
        assertThat(((NotifyPayload) m.payloads().get(3)).notification())
                .contains(NotifyType.IKEV2_FRAGMENTATION_SUPPORTED);
        assertThat(codec.encode(m)).isEqualTo(wire);
        assertThat(MessageRules.validateOuter(m)).isEmpty();
        assertThat(MessageRules.validate(m, true)).isEmpty();
    }

    @Test
    void headerErrors() {
        byte[] wire = HexFormat.of().parseHex(SA_INIT_HEX);
        byte[] v1 = wire.clone();
        v1[17] = 0x10;
        DecodeError e = rejected(codec.decode(v1));
        assertThat(e.kind()).isEqualTo(DecodeError.Kind.INVALID_MAJOR_VERSION);
        assertThat(e.answer()).contains(NotifyType.INVALID_MAJOR_VERSION);
        byte[] longer = java.util.Arrays.copyOf(wire, wire.length + 1);
        assertThat(rejected(codec.decode(longer)).kind()).isEqualTo(DecodeError.Kind.DROP);
        assertThat(rejected(codec.decode(new byte[10])).answer()).isEmpty();
    }

    @Test
    void unknownPayloadsCriticalAndNot() {
        byte[] wire = HexFormat.of().parseHex(SA_INIT_HEX);
        // Replace the notify (type 41 named by the nonce header at offset 148) with unknown type 140.
        byte[] nonCritical = wire.clone();
        nonCritical[148] = (byte) 140;
        IkeMessage m = decoded(codec.decode(nonCritical));
        assertThat(m.payloads().get(3)).isEqualTo(new UnknownPayload(140, false, HexFormat.of().parseHex("0000402e")));
        assertThat(codec.encode(m)).isEqualTo(nonCritical);
        byte[] critical = nonCritical.clone();
        critical[185] = (byte) 0x80;
        DecodeError e = rejected(codec.decode(critical));
        assertThat(e.kind()).isEqualTo(DecodeError.Kind.UNSUPPORTED_CRITICAL_PAYLOAD);
        assertThat(e.payloadType()).contains(140);
        assertThat(e.answer()).contains(NotifyType.UNSUPPORTED_CRITICAL_PAYLOAD);
        // the critical bit on a known payload is ignored but kept
        byte[] knownCritical = wire.clone();
        knownCritical[185] = (byte) 0x80;
        IkeMessage k = decoded(codec.decode(knownCritical));
        assertThat(k.payloads().get(3).critical()).isTrue();
        assertThat(codec.encode(k)).isEqualTo(knownCritical);
    }

    @Test
    void ikev1PayloadTypeIsRejected() {
        byte[] wire = HexFormat.of().parseHex(SA_INIT_HEX);
        wire[16] = 1; // IKEv1 SA payload number
        DecodeError e = rejected(codec.decode(wire));
        assertThat(e.kind()).isEqualTo(DecodeError.Kind.INVALID_SYNTAX);
        assertThat(e.payloadType()).contains(1);
        assertThat(e.detail()).contains("IKEv1");
    }

    @Test
    void lengthFieldInconsistenciesAreSyntaxErrors() {
        byte[] wire = HexFormat.of().parseHex(SA_INIT_HEX);
        int[] lengthFields = {30, 34, 42, 54, 62, 70, 78, 150, 186}; // SA, proposal, 4 transforms, KE, Nonce, N
        for (int at : lengthFields) {
            for (int delta : new int[] {-1, 1, -4, 4, 0x100}) {
                byte[] m = wire.clone();
                int v = ((m[at] & 0xff) << 8 | (m[at + 1] & 0xff)) + delta;
                m[at] = (byte) (v >>> 8);
                m[at + 1] = (byte) v;
                assertThat(codec.decode(m)).as("field at %d delta %d", at, delta)
                        .isInstanceOf(DecodeResult.Rejected.class);
            }
        }
        byte[] zeroLen = wire.clone();
        zeroLen[186] = 0;
        zeroLen[187] = 0;
        assertThat(rejected(codec.decode(zeroLen)).kind()).isEqualTo(DecodeError.Kind.INVALID_SYNTAX);
    }
}
