package io.ike4j.core.codec.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ike4j.core.codec.DecodeResult;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.IkeMessageCodec;
import io.ike4j.core.codec.MessageRules;
import io.ike4j.core.codec.payload.EncryptedPayload;
import io.ike4j.core.crypto.EncryptedPayloadProtection;
import io.ike4j.core.crypto.SkProtection;
import io.ike4j.core.crypto.SkProtections;
import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The IKEv2 codec faces the Internet: any datagram decodes to {@link DecodeResult} (never an exception), a decoded
 * message re-encodes without error and re-decodes to an equal message, and the same holds for the chain behind SK.
 * Seeds: {@code IkeMessageCodecFuzzInputs/} (strongSwan captures and messages built by the codec tests).
 */
class IkeMessageCodecFuzz {
    private static final IkeMessageCodec CODEC = new IkeMessageCodec();
    /** Real SK protections: opening arbitrary bodies must fail cleanly (length, alignment, padding, ICV). */
    private static final List<SkProtection> REAL = List.of(
            SkProtections.forDirection(EncryptionAlgorithm.AES_CBC, 128, IntegrityAlgorithm.HMAC_SHA2_256_128,
                    new byte[16], new byte[32], b -> Arrays.fill(b, (byte) 7)),
            SkProtections.forDirection(EncryptionAlgorithm.AES_GCM_16, 256, IntegrityAlgorithm.NONE,
                    new byte[36], null, b -> Arrays.fill(b, (byte) 7)));

    @FuzzTest
    void decode(byte[] datagram) {
        DecodeResult r = CODEC.decode(datagram);
        assertThat(r).isNotNull();
        if (!(r instanceof DecodeResult.Decoded(IkeMessage m))) return;
        MessageRules.validateOuter(m);
        roundTrip(m);
        if (m.payloads().isEmpty() || !(m.payloads().getLast() instanceof EncryptedPayload)) return;
        for (SkProtection p : REAL) {
            DecodeResult inner = CODEC.decodeInner(m, datagram, p);
            assertThat(inner).isNotNull();
        }
        // The fuzzer controls the SK body: with a transparent protection it reaches the inner chain.
        DecodeResult inner = CODEC.decodeInner(m, datagram, Transparent.INSTANCE);
        if (inner instanceof DecodeResult.Decoded(IkeMessage plain)) {
            MessageRules.validate(plain, true);
            MessageRules.validate(plain, false);
            innerRoundTrip(m, plain);
        }
    }

    /** decode → encode → decode gives an equal message, and encoding that again gives the same bytes. */
    private static void roundTrip(IkeMessage m) {
        byte[] again = CODEC.encode(m);
        DecodeResult r = CODEC.decode(again);
        assertThat(r).isInstanceOf(DecodeResult.Decoded.class);
        IkeMessage m2 = ((DecodeResult.Decoded) r).message();
        assertThat(m2).isEqualTo(m);
        assertThat(CODEC.encode(m2)).isEqualTo(again);
    }

    private static void innerRoundTrip(IkeMessage outer, IkeMessage plain) {
        int before = outer.payloads().size() - 1;
        List<io.ike4j.core.codec.payload.Payload> inner = plain.payloads().subList(before, plain.payloads().size());
        byte[] sealed = CODEC.encodeProtected(outer.header(), inner, Transparent.INSTANCE);
        DecodeResult o = CODEC.decode(sealed);
        assertThat(o).isInstanceOf(DecodeResult.Decoded.class);
        DecodeResult i = CODEC.decodeInner(((DecodeResult.Decoded) o).message(), sealed, Transparent.INSTANCE);
        assertThat(i).isInstanceOf(DecodeResult.Decoded.class);
        assertThat(((DecodeResult.Decoded) i).message().payloads()).isEqualTo(inner);
    }

    /** Identity "protection": the SK body is the plaintext chain (no IV, padding or ICV). */
    enum Transparent implements EncryptedPayloadProtection {
        INSTANCE;

        @Override
        public int sealedLength(int plaintextLength) {
            return plaintextLength;
        }

        @Override
        public byte[] seal(byte[] prefix, byte[] plaintext) {
            return plaintext.clone();
        }

        @Override
        public Optional<byte[]> open(byte[] message, int bodyOffset, int bodyLength) {
            if (bodyOffset < 0 || bodyLength < 0 || bodyOffset + bodyLength > message.length) return Optional.empty();
            return Optional.of(Arrays.copyOfRange(message, bodyOffset, bodyOffset + bodyLength));
        }
    }
}
