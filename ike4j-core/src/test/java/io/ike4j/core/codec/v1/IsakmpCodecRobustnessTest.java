package io.ike4j.core.codec.v1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Bad input is normal input: truncation, corrupted lengths and random mutation give typed errors, never exceptions. */
class IsakmpCodecRobustnessTest {
    private final IsakmpCodec codec = new IsakmpCodec();

    private List<byte[]> corpus() {
        List<byte[]> out = new ArrayList<>();
        for (IsakmpMessage m : V1Fixtures.mainMode()) out.add(codec.encode(m));
        for (V1Payload p : V1Fixtures.everyPayload()) {
            out.add(codec.encode(new IsakmpMessage(V1Fixtures.header(V1ExchangeType.INFORMATIONAL, 3), List.of(p))));
        }
        for (List<V1Payload> chain : V1Fixtures.encryptedChains()) {
            out.add(codec.encode(new IsakmpMessage(V1Fixtures.header(V1ExchangeType.QUICK_MODE, 5), chain)));
        }
        return out;
    }

    /** The header's length field set to the datagram's, so that the payload checks are reached. */
    private static byte[] withLength(byte[] b) {
        if (b.length >= 28) {
            for (int i = 0; i < 4; i++) b[24 + i] = (byte) (b.length >>> (24 - 8 * i));
        }
        return b;
    }

    /** Decoded results must re-encode to the same bytes: the codec keeps every bit it accepts. */
    private boolean assertTypedOrExact(byte[] wire) {
        V1Result<IsakmpDatagram> r = codec.decode(wire);
        switch (r) {
            case V1Result.Rejected<IsakmpDatagram> rej -> {
                if (rej.error().kind() == null || rej.error().offset() < 0
                        || rej.error().offset() > Math.max(wire.length, 28)) {
                    throw new AssertionError("bad error " + rej.error());
                }
                return false;
            }
            case V1Result.Decoded<IsakmpDatagram> d -> {
                byte[] again = switch (d.value()) {
                    case IsakmpDatagram.Plain p -> codec.encode(p.message());
                    case IsakmpDatagram.Encrypted e -> codec.encodeEncrypted(e.header(), e.header().nextPayload(),
                            e.ciphertext().bytes());
                };
                if (!Arrays.equals(again, wire)) throw new AssertionError("decode/encode not exact");
                return true;
            }
        }
    }

    @Test
    void truncationAtEveryOffsetIsRejected() {
        int checked = 0;
        for (byte[] wire : corpus()) {
            for (int cut = 0; cut < wire.length; cut++, checked++) {
                byte[] raw = Arrays.copyOf(wire, cut);
                V1DecodeError e = IsakmpCodecTest.rejected(codec.decode(raw));
                assertThat(e.kind()).isEqualTo(V1DecodeError.Kind.DROP);
                if (cut >= 28) {
                    V1DecodeError inner = IsakmpCodecTest.rejected(codec.decode(withLength(raw.clone())));
                    assertThat(inner.kind()).as("cut at " + cut).isNotEqualTo(V1DecodeError.Kind.DROP);
                    assertThat(inner.answer()).isPresent();
                }
            }
        }
        assertThat(checked).isGreaterThan(4000);
        // Truncated decrypted chains too (no padding is left to hide a missing payload).
        for (List<V1Payload> chain : V1Fixtures.encryptedChains()) {
            byte[] plain = codec.encodePayloads(chain);
            for (int cut = 0; cut < plain.length; cut++) {
                V1Result<DecryptedPayloads> r = codec.decodePayloads(chain.getFirst().payloadType(),
                        Arrays.copyOf(plain, cut));
                assertThat(r).as("cut at " + cut).isInstanceOf(V1Result.Rejected.class);
            }
        }
    }

    @Test
    void everyCorruptedLengthFieldIsHandled() {
        for (byte[] wire : corpus()) {
            List<Integer> fields = lengthFieldOffsets(wire);
            assertThat(fields).isNotEmpty();
            for (int at : fields) {
                int real = ((wire[at] & 0xff) << 8) | (wire[at + 1] & 0xff);
                for (int v : new int[] {0, 1, 3, 4, 7, real - 1, real + 1, real + 4, 0x7fff, 0xffff}) {
                    if (v < 0 || v == real) continue;
                    byte[] bad = wire.clone();
                    bad[at] = (byte) (v >>> 8);
                    bad[at + 1] = (byte) v;
                    if (v < 4 || v > wire.length) {
                        V1DecodeError e = IsakmpCodecTest.rejected(codec.decode(bad));
                        assertThat(e.kind()).isNotEqualTo(V1DecodeError.Kind.DROP);
                    } else {
                        assertTypedOrExact(bad);
                    }
                }
            }
            // The header's own length field.
            for (long v : new long[] {0, 27, 28, wire.length - 1, wire.length + 1, 0xffffffffL}) {
                byte[] bad = wire.clone();
                for (int i = 0; i < 4; i++) bad[24 + i] = (byte) (v >>> (24 - 8 * i));
                assertThat(IsakmpCodecTest.rejected(codec.decode(bad)).kind()).isEqualTo(V1DecodeError.Kind.DROP);
            }
        }
    }

    /**
     * Every 16-bit position of every message (which covers the proposal, transform and attribute length fields
     * inside SA and Attribute payloads) set to boundary values: a typed error or an exact round trip.
     */
    @Test
    void everySixteenBitFieldCorruptedIsHandled() {
        int rejected = 0;
        for (byte[] wire : corpus()) {
            for (int at = 28; at + 1 < wire.length; at++) {
                int real = ((wire[at] & 0xff) << 8) | (wire[at + 1] & 0xff);
                for (int v : new int[] {0, 1, 4, real - 1, real + 1, 0xffff}) {
                    if (v < 0 || v > 0xffff || v == real) continue;
                    byte[] bad = wire.clone();
                    bad[at] = (byte) (v >>> 8);
                    bad[at + 1] = (byte) v;
                    if (!assertTypedOrExact(bad)) rejected++;
                }
            }
        }
        assertThat(rejected).isPositive();
    }

    /** Offsets of the generic payload length fields, walking the well-formed chain. */
    private static List<Integer> lengthFieldOffsets(byte[] wire) {
        List<Integer> out = new ArrayList<>();
        int at = 28;
        int next = wire[16] & 0xff;
        while (next != 0 && at + 4 <= wire.length) {
            out.add(at + 2);
            int len = ((wire[at + 2] & 0xff) << 8) | (wire[at + 3] & 0xff);
            next = wire[at] & 0xff;
            at += len;
        }
        return out;
    }

    @Test
    void seededRandomMutationNeverThrows() {
        SplittableRandom rnd = new SplittableRandom(0x15AC_0001L);
        List<byte[]> corpus = corpus();
        int decoded = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] wire = corpus.get(rnd.nextInt(corpus.size())).clone();
            int edits = 1 + rnd.nextInt(4);
            for (int k = 0; k < edits; k++) {
                int pos = 28 + rnd.nextInt(Math.max(1, wire.length - 28));
                if (pos >= wire.length) continue;
                switch (rnd.nextInt(3)) {
                    case 0 -> wire[pos] = (byte) rnd.nextInt(256);
                    case 1 -> wire[pos] ^= (byte) (1 << rnd.nextInt(8));
                    default -> wire[pos] = (byte) (rnd.nextBoolean() ? 0 : 0xff);
                }
            }
            if (rnd.nextInt(8) == 0) wire = withLength(Arrays.copyOf(wire, 28 + rnd.nextInt(wire.length - 27)));
            if (assertTypedOrExact(wire)) decoded++;
            // The same bytes as a decrypted chain: typed error or an exact round trip plus padding.
            byte[] plain = Arrays.copyOfRange(wire, 28, wire.length);
            if (codec.decodePayloads(wire[16] & 0xff, plain) instanceof V1Result.Decoded<DecryptedPayloads> d) {
                byte[] chain = codec.encodePayloads(d.value().payloads());
                if (chain.length + d.value().padding().length() != plain.length
                        || !Arrays.equals(Arrays.copyOf(plain, chain.length), chain)) {
                    throw new AssertionError("chain decode/encode not exact");
                }
            }
        }
        assertThat(decoded).isPositive();
    }
}
