package io.ike4j.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Bad input is normal input: every malformed datagram yields a typed result, never an exception. */
class CodecRobustnessTest {
    private final IkeMessageCodec codec = new IkeMessageCodec();
    private final Fixtures.FakeProtection protection = new Fixtures.FakeProtection();

    private List<byte[]> samples() {
        return List.of(
                HexFormat.of().parseHex(IkeMessageCodecTest.SA_INIT_HEX),
                codec.encode(new IkeMessage(Fixtures.header(ExchangeType.IKE_AUTH, true), Fixtures.everyPlainPayload())),
                codec.encodeProtected(Fixtures.header(ExchangeType.IKE_AUTH, true), Fixtures.everyPlainPayload(),
                        protection));
    }

    @Test
    void truncationAtEveryOffsetIsRejected() {
        for (byte[] wire : samples()) {
            for (int n = 0; n < wire.length; n++) {
                byte[] cut = Arrays.copyOf(wire, n);
                assertThat(codec.decode(cut)).as("cut at %d", n).isInstanceOf(DecodeResult.Rejected.class);
                // even with the header length patched to match, a truncated chain is rejected
                if (n >= IkeHeader.SIZE) {
                    cut[24] = 0;
                    cut[25] = 0;
                    cut[26] = (byte) (n >>> 8);
                    cut[27] = (byte) n;
                    DecodeResult r = codec.decode(cut);
                    if (r instanceof DecodeResult.Decoded d) {
                        // only possible when the cut falls exactly after the last complete payload... which
                        // never happens before the end, since the last Next Payload then names a missing payload
                        assertThat(d.message().payloads()).isEmpty();
                    }
                }
            }
        }
    }

    @Test
    void randomMutationsOnlyEverYieldTypedResults() {
        SplittableRandom random = new SplittableRandom(0x1CE4L);
        List<byte[]> samples = samples();
        int decoded = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] m = samples.get(i % samples.size()).clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                int at = random.nextInt(m.length);
                m[at] = random.nextBoolean() ? (byte) random.nextInt(256) : (byte) (m[at] ^ (1 << random.nextInt(8)));
            }
            if (random.nextInt(8) == 0) m = Arrays.copyOf(m, random.nextInt(m.length + 1));
            DecodeResult r = codec.decode(m); // an exception here fails the test
            if (r == null) throw new AssertionError("null result");
            if (r instanceof DecodeResult.Decoded d) {
                decoded++;
                MessageRules.validateOuter(d.message());
                if (d.message().payloads().stream().anyMatch(p -> p instanceof io.ike4j.core.codec.payload.EncryptedPayload)) {
                    if (codec.decodeInner(d.message(), m, protection) == null) throw new AssertionError("null");
                } else {
                    byte[] again = codec.encode(d.message());
                    if (!(codec.decode(again) instanceof DecodeResult.Decoded)) {
                        throw new AssertionError("re-encoded message does not decode");
                    }
                }
            }
        }
        assertThat(decoded).isPositive();
    }
}
