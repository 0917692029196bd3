package io.ike4j.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.payload.KeyExchangePayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.crypto.RandomSource;
import io.ike4j.core.crypto.SkProtections;
import io.ike4j.core.engine.EngineContext;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.engine.KeyLogSink;
import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import io.ike4j.core.proposal.KeyExchangeMethod;
import io.ike4j.core.proposal.PrfAlgorithm;
import io.ike4j.core.sa.IkeSa;
import io.ike4j.core.sa.IkeSaKeys;
import io.ike4j.core.sa.IkeTransforms;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Known answers for RFC 9370 2.2.2 (key update after an additional key exchange) and RFC 9242 3.3.2 (IntAuth),
 * with the expected values computed here from raw {@link Mac} HMAC-SHA-256 calls, independently of the crypto package.
 */
class IntermediateKnownAnswerTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] NI = HEX.parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    private static final byte[] NR = HEX.parseHex("ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100");
    private static final long SPI_I = 0x0123456789abcdefL;
    private static final long SPI_R = 0xfedcba9876543210L;
    private static final byte[] SK_D = filled(32, 0x11);
    private static final byte[] SK_PI = filled(32, 0x22);
    private static final byte[] SK_PR = filled(32, 0x33);

    private static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (v + i);
        return b;
    }

    private static byte[] hmac(byte[] key, byte[]... data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        for (byte[] d : data) mac.update(d);
        return mac.doFinal();
    }

    /** RFC 7296 2.13: prf+(K, S) = T1 | T2 | ..., T1 = prf(K, S | 0x01), Tn = prf(K, Tn-1 | S | n). */
    private static byte[] prfPlus(byte[] key, byte[] seed, int length) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] t = new byte[0];
        for (int n = 1; out.size() < length; n++) {
            t = hmac(key, t, seed, new byte[] {(byte) n});
            out.write(t);
        }
        return Arrays.copyOf(out.toByteArray(), length);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    private record Logged(byte[] ei, byte[] er, byte[] ai, byte[] ar) {}

    private final List<Logged> logged = new ArrayList<>();
    private final RandomSource random = b -> Arrays.fill(b, (byte) 7);

    private Session session() {
        KeyLogSink sink = (i, r, e, bits, ei, er, integ, ai, ar) -> logged.add(new Logged(ei, er, ai, ar));
        EngineContext ctx = new EngineContext(EngineConfig.builder().build(), InstantSource.fixed(Instant.EPOCH), random,
                EngineLog.NONE, Optional.of(sink));
        return new Session(ctx, null);
    }

    /** An initiator's IKE SA after IKE_SA_INIT with AES-CBC-128 / HMAC-SHA2-256-128 / PRF-HMAC-SHA2-256. */
    private IkeSa sa() {
        IkeSa sa = new IkeSa(1, true, SPI_I, null, 0);
        sa.responderSpi = SPI_R;
        sa.nonceI = NI.clone();
        sa.nonceR = NR.clone();
        sa.transforms = new IkeTransforms(EncryptionAlgorithm.AES_CBC, 128, IntegrityAlgorithm.HMAC_SHA2_256_128,
                PrfAlgorithm.HMAC_SHA2_256, KeyExchangeMethod.CURVE25519);
        var in = SkProtections.forDirection(EncryptionAlgorithm.AES_CBC, 128, IntegrityAlgorithm.HMAC_SHA2_256_128,
                filled(16, 0x44), filled(32, 0x55), random);
        var out = SkProtections.forDirection(EncryptionAlgorithm.AES_CBC, 128, IntegrityAlgorithm.HMAC_SHA2_256_128,
                filled(16, 0x66), filled(32, 0x77), random);
        sa.keys = new IkeSaKeys(SK_D, SK_PI, SK_PR, in, out);
        return sa;
    }

    @Test
    void keyUpdateAfterAdditionalKeyExchangeFollowsRfc9370() throws Exception {
        IkeSa sa = sa();
        byte[] shared = filled(32, 0x90); // e.g. an ML-KEM shared secret SK(n)
        byte[] expectedSeed = hmac(SK_D, shared, NI, NR); // SKEYSEED(n) = prf(SK_d(n-1), SK(n) | Ni | Nr)
        byte[] spis = ByteBuffer.allocate(16).putLong(SPI_I).putLong(SPI_R).array();
        // {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr} = prf+(SKEYSEED(n), Ni | Nr | SPIi | SPIr)
        byte[] stream = prfPlus(expectedSeed, concat(NI, NR, spis), 32 + 32 + 32 + 16 + 16 + 32 + 32);
        int at = 0;
        byte[] d = Arrays.copyOfRange(stream, at, at += 32), ai = Arrays.copyOfRange(stream, at, at += 32);
        byte[] ar = Arrays.copyOfRange(stream, at, at += 32), ei = Arrays.copyOfRange(stream, at, at += 16);
        byte[] er = Arrays.copyOfRange(stream, at, at += 16), pi = Arrays.copyOfRange(stream, at, at += 32);
        byte[] pr = Arrays.copyOfRange(stream, at, at += 32);

        sa.intermediate.negotiated(List.of(KeyExchangeMethod.ML_KEM_768));
        assertThat(IkeIntermediateExchange.updateKeys(session(), sa, shared.clone())).isTrue();

        assertThat(sa.keys.skD()).isEqualTo(d);
        assertThat(sa.keys.skPi()).isEqualTo(pi);
        assertThat(sa.keys.skPr()).isEqualTo(pr);
        assertThat(logged).singleElement().satisfies(l -> {
            assertThat(l.ei()).isEqualTo(ei);
            assertThat(l.er()).isEqualTo(er);
            assertThat(l.ai()).isEqualTo(ai);
            assertThat(l.ar()).isEqualTo(ar);
        });
        assertThat(sa.intermediate.complete()).isTrue();
    }

    @Test
    void intAuthChainsOverHeaderSkHeaderAndPlaintext() throws Exception {
        IkeSa sa = sa();
        byte[] keData = filled(32, 0xa0);
        List<Payload> inner = List.of(new KeyExchangePayload(KeyExchangeMethod.CURVE25519.value(), keData, false));
        byte[] data = IntermediateAuthUnit.authenticatedData(
                Messenger.header(sa, ExchangeType.IKE_INTERMEDIATE, false, 1), inner);

        // RFC 9242 3.3.2: IntAuth_A = IKE header | SK generic header (lengths as if SK held only the plaintext)
        byte[] p = concat(new byte[] {0, 0, 0, 40, 0, 31, 0, 0}, keData); // KE payload: next 0, len 40, group 31
        byte[] a = ByteBuffer.allocate(32).putLong(SPI_I).putLong(SPI_R)
                .put((byte) 46).put((byte) 0x20).put((byte) 43).put((byte) 0x08).putInt(1).putInt(32 + p.length)
                .put((byte) 34).put((byte) 0).putShort((short) (4 + p.length)).array();
        assertThat(data).isEqualTo(concat(a, p));

        byte[] first = IntermediateAuthUnit.chain(io.ike4j.core.crypto.Prf.of(PrfAlgorithm.HMAC_SHA2_256), sa.keys.skPi(),
                new byte[0], data);
        assertThat(first).isEqualTo(hmac(SK_PI, a, p)); // IntAuth_i1 = prf(SK_pi1, IntAuth_i1_A | IntAuth_i1_P)
        byte[] second = IntermediateAuthUnit.chain(io.ike4j.core.crypto.Prf.of(PrfAlgorithm.HMAC_SHA2_256), sa.keys.skPi(),
                first, data);
        assertThat(second).isEqualTo(hmac(SK_PI, first, a, p)); // IntAuth_i2 = prf(SK_pi2, IntAuth_i1 | A | P)

        // a received message: A | P from the exact bytes (SK opened again, lengths adjusted) is the same
        var seal = SkProtections.forDirection(EncryptionAlgorithm.AES_GCM_16, 256, IntegrityAlgorithm.NONE,
                filled(36, 0x12), new byte[0], random);
        var open = SkProtections.forDirection(EncryptionAlgorithm.AES_GCM_16, 256, IntegrityAlgorithm.NONE,
                filled(36, 0x12), new byte[0], random);
        var h = Messenger.header(sa, ExchangeType.IKE_INTERMEDIATE, false, 1);
        byte[] wire = Messenger.CODEC.encodeProtected(h, inner, seal);
        var outer = ((io.ike4j.core.codec.DecodeResult.Decoded) Messenger.CODEC.decode(wire)).message();
        var decoded = ((io.ike4j.core.codec.DecodeResult.Decoded) Messenger.CODEC.decodeInner(outer, wire, open)).message();
        assertThat(wire.length).isGreaterThan(data.length); // IV, padding and ICV are not covered
        assertThat(IntermediateAuthUnit.receivedData(decoded, wire, open)).isEqualTo(data);
        assertThat(IntermediateAuthUnit.receivedData(decoded, new byte[0], open)).as("fallback: re-encoded").isEqualTo(data);

        byte[] octets = {1, 2, 3};
        assertThat(IntermediateAuthUnit.signedOctets(sa, octets, 3)).as("no IKE_INTERMEDIATE: RFC 7296 octets").isEqualTo(octets);
        byte[] r = filled(32, 0xc0);
        sa.intermediate.intAuth(second, r);
        // SignedOctets | IntAuth_iN | IntAuth_rN | IKE_AUTH_MID (4 octets)
        assertThat(IntermediateAuthUnit.signedOctets(sa, octets, 3)).isEqualTo(concat(octets, second, r, new byte[] {0, 0, 0, 3}));
    }
}
