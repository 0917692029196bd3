package io.ike4j.core.codec.v1.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ike4j.core.codec.v1.DecryptedPayloads;
import io.ike4j.core.codec.v1.IsakmpCodec;
import io.ike4j.core.codec.v1.IsakmpDatagram;
import io.ike4j.core.codec.v1.IsakmpFragment;
import io.ike4j.core.codec.v1.V1FragmentCodec;
import io.ike4j.core.codec.v1.IsakmpMessage;
import io.ike4j.core.codec.v1.V1Result;

/**
 * The ISAKMP codec (RFC 2408) faces the Internet: any datagram decodes to a {@link V1Result} (never an exception); a
 * plain message re-encodes and re-decodes to an equal message with the same bytes; the body of an encrypted one, taken
 * as a plaintext payload chain (what a wrong key or a forged body yields after decryption), decodes cleanly too and
 * round-trips. Seeds: {@code IsakmpCodecFuzzInputs/} (strongSwan 5.9.8 IKEv1 captures, and one of them split into
 * IKEv1 fragments as strongSwan splits: ID 1, Identity Protection, message ID 0).
 */
class IsakmpCodecFuzz {
    private static final IsakmpCodec CODEC = new IsakmpCodec();
    private static final V1FragmentCodec FRAGMENTS = new V1FragmentCodec();

    @FuzzTest
    void decode(byte[] datagram) {
        V1Result<IsakmpDatagram> r = CODEC.decode(datagram);
        assertThat(r).isNotNull();
        if (!(r instanceof V1Result.Decoded<IsakmpDatagram> d)) return;
        switch (d.value()) {
            case IsakmpDatagram.Plain p -> roundTrip(p.message());
            case IsakmpDatagram.Encrypted e -> {
                byte[] body = e.ciphertext().bytes();
                V1Result<DecryptedPayloads> inner = CODEC.decodePayloads(e.header().nextPayload(), body);
                assertThat(inner).isNotNull();
                if (inner instanceof V1Result.Decoded<DecryptedPayloads> ok) {
                    byte[] chain = CODEC.encodePayloads(ok.value().payloads());
                    V1Result<DecryptedPayloads> again = CODEC.decodePayloads(IsakmpCodec.firstType(ok.value().payloads()), chain);
                    assertThat(again).isInstanceOf(V1Result.Decoded.class);
                    assertThat(((V1Result.Decoded<DecryptedPayloads>) again).value().payloads()).isEqualTo(ok.value().payloads());
                }
            }
        }
    }

    /** The IKEv1 Fragment payload datagram (type 132): a result for any input, byte-exact round trip when decoded. */
    @FuzzTest
    void decodeFragment(byte[] datagram) {
        V1Result<IsakmpFragment> r = FRAGMENTS.decode(datagram);
        assertThat(r).isNotNull();
        if (r instanceof V1Result.Decoded<IsakmpFragment> d) {
            assertThat(IsakmpFragment.isFragment(datagram)).isTrue();
            if (!d.value().header().encryption()) assertThat(FRAGMENTS.encode(d.value())).isEqualTo(datagram);
        }
    }

    private static void roundTrip(IsakmpMessage m) {
        byte[] again = CODEC.encode(m);
        V1Result<IsakmpDatagram> r = CODEC.decode(again);
        assertThat(r).isInstanceOf(V1Result.Decoded.class);
        IsakmpDatagram d = ((V1Result.Decoded<IsakmpDatagram>) r).value();
        assertThat(d).isInstanceOf(IsakmpDatagram.Plain.class);
        IsakmpMessage m2 = ((IsakmpDatagram.Plain) d).message();
        assertThat(m2.payloads()).isEqualTo(m.payloads());
        assertThat(CODEC.encode(m2)).isEqualTo(again);
    }
}
