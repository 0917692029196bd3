package io.ike4j.core.codec;

import static io.ike4j.core.codec.IkeMessageCodecTest.decoded;
import static io.ike4j.core.codec.IkeMessageCodecTest.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.payload.EncryptedFragmentPayload;
import io.ike4j.core.codec.payload.EncryptedPayload;
import io.ike4j.core.codec.payload.Payload;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtectedMessageTest {
    private final IkeMessageCodec codec = new IkeMessageCodec();
    private final Fixtures.FakeProtection protection = new Fixtures.FakeProtection();
    private final IkeHeader header = Fixtures.header(ExchangeType.IKE_AUTH, true);
    private final List<Payload> inner = Fixtures.everyPlainPayload();

    @Test
    void skRoundTrip() {
        byte[] wire = codec.encodeProtected(header, inner, protection);
        IkeMessage outer = decoded(codec.decode(wire));
        assertThat(outer.header().nextPayload()).isEqualTo(PayloadType.SK.value());
        EncryptedPayload sk = (EncryptedPayload) outer.payloads().getFirst();
        assertThat(sk.firstInnerPayload()).isEqualTo(PayloadType.SA.value());
        assertThat(codec.encode(outer)).isEqualTo(wire);
        assertThat(MessageRules.validateOuter(outer)).isEmpty();
        IkeMessage plain = decoded(codec.decodeInner(outer, wire, protection));
        assertThat(plain.payloads()).isEqualTo(inner);
        assertThat(plain.header()).isEqualTo(outer.header());
    }

    @Test
    void tamperedIcvOrPrefixFailsIntegrity() {
        byte[] wire = codec.encodeProtected(header, inner, protection);
        for (int at : new int[] {wire.length - 1, 20, 29, wire.length / 2}) {
            byte[] t = wire.clone();
            t[at] ^= 1;
            IkeMessage outer = decoded(codec.decode(t));
            DecodeError e = rejected(codec.decodeInner(outer, t, protection));
            assertThat(e.kind()).isEqualTo(DecodeError.Kind.INTEGRITY_CHECK_FAILED);
            assertThat(e.answer()).isEmpty();
        }
    }

    @Test
    void fragmentsRoundTrip() {
        List<byte[]> frags = codec.encodeFragments(header, inner, protection, 200);
        assertThat(frags.size()).isGreaterThan(2);
        List<byte[]> plaintexts = new ArrayList<>();
        int first = -1;
        for (int i = 0; i < frags.size(); i++) {
            byte[] f = frags.get(i);
            assertThat(f.length).isLessThanOrEqualTo(200);
            IkeMessage outer = decoded(codec.decode(f));
            assertThat(codec.encode(outer)).isEqualTo(f);
            EncryptedFragmentPayload skf = (EncryptedFragmentPayload) outer.payloads().getFirst();
            assertThat(skf.fragmentNumber()).isEqualTo(i + 1);
            assertThat(skf.totalFragments()).isEqualTo(frags.size());
            assertThat(skf.firstInnerPayload()).isEqualTo(i == 0 ? PayloadType.SA.value() : 0);
            var opened = codec.openFragment(outer, f, protection).orElseThrow();
            if (i == 0) first = opened.firstInnerPayload();
            plaintexts.add(opened.plaintext());
        }
        IkeMessage plain = decoded(codec.reassemble(header, first, plaintexts));
        assertThat(plain.payloads()).isEqualTo(inner);

        byte[] bad = frags.get(1).clone();
        bad[bad.length - 2] ^= 0x40;
        assertThat(codec.openFragment(decoded(codec.decode(bad)), bad, protection)).isEmpty();
    }

    @Test
    void invalidFragmentNumbersAreSyntaxErrors() {
        byte[] f = codec.encodeFragments(header, inner, protection, 200).getFirst();
        f[33] = 0; // fragment number 0
        assertThat(rejected(codec.decode(f)).kind()).isEqualTo(DecodeError.Kind.INVALID_SYNTAX);
    }

    @Test
    void nestedSkInsideSkIsRejected() {
        byte[] innerWire = codec.encodeProtected(header, List.of(), protection);
        IkeMessage outerInner = decoded(codec.decode(innerWire));
        byte[] wire = codec.encodeProtected(header, outerInner.payloads(), protection);
        IkeMessage outer = decoded(codec.decode(wire));
        assertThat(rejected(codec.decodeInner(outer, wire, protection)).kind())
                .isEqualTo(DecodeError.Kind.INVALID_SYNTAX);
    }
}
