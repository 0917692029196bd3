package io.ike4j.core.codec.v1;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The proprietary IKEv1 Fragment payload (type 132) as strongSwan sends it: lengths first, typed errors, byte-exact. */
class V1FragmentCodecTest {
    private static final V1FragmentCodec CODEC = new V1FragmentCodec();
    private static final IsakmpHeader HDR = IsakmpHeader.of(0x1122334455667788L, 0x99aabbccddeeff00L,
            V1ExchangeType.IDENTITY_PROTECTION, false, 0);

    /** A fragment datagram written by hand: header, then next 0, reserved, length, ID, number, flags, data. */
    static byte[] raw(int next, int payloadLength, int id, int number, int flags, byte[] data, int headerLengthDelta) {
        int total = 28 + 8 + data.length;
        ByteBuffer b = ByteBuffer.allocate(total);
        b.putLong(0x1122334455667788L).putLong(0x99aabbccddeeff00L).put((byte) 132).put((byte) 0x10).put((byte) 2)
                .put((byte) 0).putInt(0).putInt(total + headerLengthDelta);
        b.put((byte) next).put((byte) 0).putShort((short) payloadLength).putShort((short) id).put((byte) number)
                .put((byte) flags).put(data);
        return b.array();
    }

    @Test
    void decodesStrongSwansLayoutAndRoundTripsByteForByte() {
        byte[] data = HexFormat.of().parseHex("0102030405060708090a");
        byte[] wire = raw(0, 18, 1, 2, IsakmpFragment.FLAG_LAST, data, 0);
        V1Result<IsakmpFragment> r = CODEC.decode(wire);
        assertThat(r).isInstanceOf(V1Result.Decoded.class);
        IsakmpFragment f = ((V1Result.Decoded<IsakmpFragment>) r).value();
        assertThat(f.fragmentId()).isEqualTo(1);
        assertThat(f.number()).isEqualTo(2);
        assertThat(f.last()).isTrue();
        assertThat(f.data()).isEqualTo(Octets.of(data));
        assertThat(f.header().initiatorCookie()).isEqualTo(0x1122334455667788L);
        assertThat(f.header().exchange()).contains(V1ExchangeType.IDENTITY_PROTECTION);
        assertThat(CODEC.encode(f)).isEqualTo(wire);
        assertThat(IsakmpFragment.isFragment(wire)).isTrue();
        assertThat(f.toString()).doesNotContain("0102");
    }

    @Test
    void encodeWritesLengthsAndTheFragmentPayloadType() {
        byte[] wire = CODEC.encode(new IsakmpFragment(HDR, 7, 1, 0, Octets.of(new byte[5])));
        assertThat(wire).hasSize(28 + 8 + 5);
        assertThat(wire[16] & 0xff).isEqualTo(132);
        assertThat(ByteBuffer.wrap(wire).getInt(24)).isEqualTo(41);
        assertThat(ByteBuffer.wrap(wire).getShort(30)).isEqualTo((short) 13);
        assertThat(((V1Result.Decoded<IsakmpFragment>) CODEC.decode(wire)).value().last()).isFalse();
    }

    /** racoon sets the E flag on fragments although they are never encrypted: tolerated. */
    @Test
    void encryptionFlagIsTolerated() {
        byte[] wire = raw(0, 9, 1, 1, 1, new byte[] {42}, 0);
        wire[19] = 1;
        assertThat(CODEC.decode(wire)).isInstanceOf(V1Result.Decoded.class);
    }

    /** ID 0, number 0 and empty data are structurally fine: the reassembly refuses them (typed faults there). */
    @Test
    void semanticFaultsAreLeftToTheReassembly() {
        V1Result<IsakmpFragment> r = CODEC.decode(raw(0, 8, 0, 0, 0, new byte[0], 0));
        assertThat(r).isInstanceOf(V1Result.Decoded.class);
        assertThat(((V1Result.Decoded<IsakmpFragment>) r).value().data().isEmpty()).isTrue();
    }

    @ParameterizedTest(name = "payload length {0}")
    @ValueSource(ints = {0, 3, 7, 17, 19, 0xffff})
    void payloadLengthMustBeTheRestOfTheDatagram(int len) {
        assertThat(rejected(raw(0, len, 1, 1, 1, new byte[10], 0))).isEqualTo(V1DecodeError.Kind.PAYLOAD_MALFORMED);
    }

    @Test
    void structuralErrorsAreTyped() {
        assertThat(rejected(raw(13, 18, 1, 1, 1, new byte[10], 0))).as("a payload after the fragment")
                .isEqualTo(V1DecodeError.Kind.PAYLOAD_MALFORMED);
        assertThat(rejected(raw(0, 18, 1, 1, 1, new byte[10], 1))).as("header length").isEqualTo(V1DecodeError.Kind.DROP);
        byte[] reserved = raw(0, 18, 1, 1, 1, new byte[10], 0);
        reserved[29] = 1;
        assertThat(rejected(reserved)).isNotNull();
        byte[] notFragment = raw(0, 18, 1, 1, 1, new byte[10], 0);
        notFragment[16] = 13;
        assertThat(rejected(notFragment)).isEqualTo(V1DecodeError.Kind.PAYLOAD_MALFORMED);
        byte[] v2 = raw(0, 18, 1, 1, 1, new byte[10], 0);
        v2[17] = 0x20;
        assertThat(rejected(v2)).isEqualTo(V1DecodeError.Kind.INVALID_MAJOR_VERSION);
        assertThat(IsakmpFragment.isFragment(v2)).isFalse();
        assertThat(rejected(new byte[20])).isEqualTo(V1DecodeError.Kind.DROP);
        byte[] truncated = java.util.Arrays.copyOf(raw(0, 18, 1, 1, 1, new byte[10], 0), 31);
        ByteBuffer.wrap(truncated).putInt(24, 31);
        assertThat(rejected(truncated)).isEqualTo(V1DecodeError.Kind.PAYLOAD_MALFORMED);
    }

    /** Every truncation of a valid fragment is a typed rejection, never an exception. */
    @Test
    void everyPrefixDecodesToAResult() {
        byte[] wire = raw(0, 18, 1, 1, 1, new byte[10], 0);
        for (int n = 0; n < wire.length; n++) {
            byte[] p = java.util.Arrays.copyOf(wire, n);
            if (n >= 28) ByteBuffer.wrap(p).putInt(24, n);
            assertThat(CODEC.decode(p)).isInstanceOf(V1Result.Rejected.class);
        }
    }

    private static V1DecodeError.Kind rejected(byte[] wire) {
        V1Result<IsakmpFragment> r = CODEC.decode(wire);
        assertThat(r).isInstanceOf(V1Result.Rejected.class);
        return ((V1Result.Rejected<IsakmpFragment>) r).error().kind();
    }
}
