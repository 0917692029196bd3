package io.ike4j.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.ike4j.core.codec.DecodeResult;
import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeHeader;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.Credentials;
import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.config.SharedSecret;
import io.ike4j.core.crypto.RandomSource;
import io.ike4j.core.crypto.SkProtection;
import io.ike4j.core.crypto.SkProtections;
import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.engine.EngineContext;
import io.ike4j.core.engine.EngineOutput;
import io.ike4j.core.engine.SaEvent;
import io.ike4j.core.proposal.EncryptionAlgorithm;
import io.ike4j.core.proposal.IntegrityAlgorithm;
import io.ike4j.core.proposal.KeyExchangeMethod;
import io.ike4j.core.proposal.PrfAlgorithm;
import io.ike4j.core.sa.IkeSa;
import io.ike4j.core.sa.IkeSaKeys;
import io.ike4j.core.sa.IkeSaState;
import io.ike4j.core.sa.IkeTransforms;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * RFC 9867 3.1 as responder, driven with hand-made (decrypted) IKE_INTERMEDIATE requests: malformed PPK_IDENTITY_KEY
 * bodies are answered with INVALID_SYNTAX (no exception), a wrong confirmation with AUTHENTICATION_FAILED when a PPK is
 * required, and a good one with PPK_IDENTITY and SK_d recalculated as the test computes it independently.
 */
class PpkIntermediateErrorsTest {
    private static final long SPI_I = 0x1111L, SPI_R = 0x2222L;
    private static final String ID = "pqpsk@example.org";
    private static final byte[] PPK = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private final RandomSource random = b -> Arrays.fill(b, (byte) 3);
    private final byte[] keyR = filled(32, 0x40), integR = filled(32, 0x50);

    private static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }

    private static final class NoRegistry implements SaRegistry {
        public long nextId() { return 9; }
        public long newSpi() { return 7; }
        public void add(IkeSa sa) { }
        public Optional<IkeSa> addHalfOpen(Endpoint remote, long initiatorSpi, IkeSa sa) { return Optional.empty(); }
        public void halfOpenDone(IkeSa sa) { }
        public int halfOpenCount() { return 0; }
        public void remove(IkeSa sa) { }
        public CookieUnit cookies() { return null; }
        public void rekeyed(IkeSa live, long oldLocalSpi, IkeSa retired) { }
    }

    private Session session() {
        Credentials cred = Credentials.builder().ppk(SharedSecret.of(new String(PPK, StandardCharsets.UTF_8), ID)).build();
        return new Session(new EngineContext(EngineConfig.builder().credentials(cred).build(),
                InstantSource.fixed(Instant.EPOCH), random), new NoRegistry());
    }

    private SkProtection protection(byte[] enc, byte[] integ) {
        return SkProtections.forDirection(EncryptionAlgorithm.AES_CBC, 256, IntegrityAlgorithm.HMAC_SHA2_256_128, enc,
                integ, random);
    }

    /** A responder's half-open IKE SA after IKE_SA_INIT with USE_PPK_INT agreed and no additional key exchange. */
    private IkeSa sa(boolean required) throws Exception {
        ConnectionConfig c = ConnectionConfig.builder("gw").ppk(null, required).build();
        IkeSa sa = new IkeSa(1, false, SPI_I, c, 0);
        sa.responderSpi = SPI_R;
        sa.state = IkeSaState.CONNECTING;
        sa.local = new Endpoint(InetAddress.getByName("192.0.2.2"), 500);
        sa.remote = new Endpoint(InetAddress.getByName("192.0.2.1"), 500);
        sa.nonceI = filled(32, 1);
        sa.nonceR = filled(32, 2);
        sa.transforms = new IkeTransforms(EncryptionAlgorithm.AES_CBC, 256, IntegrityAlgorithm.HMAC_SHA2_256_128,
                PrfAlgorithm.HMAC_SHA2_256, KeyExchangeMethod.CURVE25519);
        sa.keys = new IkeSaKeys(filled(32, 5), filled(32, 6), filled(32, 7), protection(filled(32, 0x20), filled(32, 0x30)),
                protection(keyR, integR));
        sa.intermediate.peerSupports = true;
        sa.intermediate.negotiated(List.of());
        sa.auth.ppkInt = true;
        sa.expectedRequestId = 1;
        return sa;
    }

    private static IkeMessage request(NotifyPayload... inner) {
        IkeHeader h = IkeHeader.of(SPI_I, SPI_R, ExchangeType.IKE_INTERMEDIATE, true, false, 1);
        return new IkeMessage(h, List.of(inner));
    }

    private List<NotifyPayload> answer(Session s) {
        List<byte[]> sent = s.outputs().stream().filter(EngineOutput.SendDatagram.class::isInstance)
                .map(o -> ((EngineOutput.SendDatagram) o).data()).toList();
        assertThat(sent).hasSize(1);
        byte[] d = sent.getFirst();
        IkeMessage outer = ((DecodeResult.Decoded) Messenger.CODEC.decode(d)).message();
        return ((DecodeResult.Decoded) Messenger.CODEC.decodeInner(outer, d, protection(keyR, integR))).message()
                .all(NotifyPayload.class);
    }

    private static int failure(Session s) {
        return s.outputs().stream().filter(EngineOutput.Notify.class::isInstance).map(o -> ((EngineOutput.Notify) o).event())
                .filter(SaEvent.IkeSaFailed.class::isInstance).map(e -> ((SaEvent.IkeSaFailed) e).notifyType())
                .findFirst().orElse(-1);
    }

    private static byte[] hmac(byte[] key, byte[]... data) throws Exception {
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(new SecretKeySpec(key, "HmacSHA256"));
        for (byte[] d : data) m.update(d);
        return m.doFinal();
    }

    private static byte[] spi(long v) {
        return java.nio.ByteBuffer.allocate(8).putLong(v).array();
    }

    private static NotifyPayload identityKey(byte[] confirmation) {
        return NotifyPayload.of(NotifyType.PPK_IDENTITY_KEY, new PpkIdentityKey(PpkUnit.PPK_ID_FIXED,
                ID.getBytes(StandardCharsets.UTF_8), confirmation).encode());
    }

    @Test
    void malformedPpkIdentityKeyBodiesAreInvalidSyntax() throws Exception {
        List<byte[]> bodies = List.of(new byte[0], new byte[] {2}, new byte[] {2, 'a', 1, 2, 3, 4, 5, 6, 7},
                new byte[] {0, 'a', 1, 2, 3, 4, 5, 6, 7, 8}, new byte[] {3, 'a', 1, 2, 3, 4, 5, 6, 7, 8});
        for (byte[] body : bodies) {
            IkeSa sa = sa(false);
            Session s = session();
            assertThatCode(() -> IkeIntermediateExchange.respond(s, sa,
                    request(NotifyPayload.of(NotifyType.PPK_IDENTITY_KEY, body)), new byte[0])).doesNotThrowAnyException();
            assertThat(answer(s)).singleElement()
                    .satisfies(n -> assertThat(n.notifyType()).isEqualTo(NotifyType.INVALID_SYNTAX.value()));
            assertThat(failure(s)).isEqualTo(NotifyType.INVALID_SYNTAX.value());
        }
    }

    @Test
    void ppkIdentityKeyWithoutUsePpkIntIsInvalidSyntax() throws Exception {
        IkeSa sa = sa(false);
        sa.auth.ppkInt = false;
        Session s = session();
        IkeIntermediateExchange.respond(s, sa, request(identityKey(new byte[8])), new byte[0]);
        assertThat(answer(s)).singleElement()
                .satisfies(n -> assertThat(n.notifyType()).isEqualTo(NotifyType.INVALID_SYNTAX.value()));
    }

    @Test
    void wrongConfirmationIsAuthenticationFailedWhenAPpkIsRequired() throws Exception {
        IkeSa sa = sa(true);
        Session s = session();
        IkeIntermediateExchange.respond(s, sa, request(identityKey(filled(8, 0x77))), new byte[0]);
        assertThat(answer(s)).singleElement()
                .satisfies(n -> assertThat(n.notifyType()).isEqualTo(NotifyType.AUTHENTICATION_FAILED.value()));
        assertThat(failure(s)).isEqualTo(NotifyType.AUTHENTICATION_FAILED.value());
    }

    @Test
    void wrongConfirmationWithoutRequirementAnswersWithoutPpkIdentityAndKeepsTheKeys() throws Exception {
        IkeSa sa = sa(false);
        Session s = session();
        IkeIntermediateExchange.respond(s, sa, request(identityKey(filled(8, 0x77))), new byte[0]);
        assertThat(answer(s)).isEmpty();
        assertThat(sa.keys.skD()).isEqualTo(filled(32, 5));
        assertThat(sa.auth.ppkUsed).isFalse();
        assertThat(failure(s)).isEqualTo(-1);
    }

    @Test
    void goodConfirmationIsAnsweredWithPpkIdentityAndTheKeysTakeThePpk() throws Exception {
        IkeSa sa = sa(true);
        Session s = session();
        byte[] seed = new ByteArrayOutputStream() {{ writeBytes(filled(32, 1)); writeBytes(filled(32, 2));
            writeBytes(spi(SPI_I)); writeBytes(spi(SPI_R)); }}.toByteArray();
        byte[] confirmation = Arrays.copyOf(hmac(PPK, seed), 8); // RFC 9867 3.1
        IkeIntermediateExchange.respond(s, sa, request(identityKey(confirmation)), new byte[0]);
        assertThat(answer(s)).singleElement().satisfies(n -> {
            assertThat(n.notifyType()).isEqualTo(NotifyType.PPK_IDENTITY.value());
            assertThat(n.data()).isEqualTo(PpkIdentityKey.encodeId(PpkUnit.PPK_ID_FIXED, ID.getBytes(StandardCharsets.UTF_8)));
        });
        // RFC 9867 "Computing IKE SA Keys": SKEYSEED' = prf+(PPK, SK_d) = prf(PPK, SK_d | 0x01); SK_d' = first block of prf+(SKEYSEED', seed)
        byte[] skeyseed = hmac(PPK, filled(32, 5), new byte[] {1});
        assertThat(sa.keys.skD()).isEqualTo(hmac(skeyseed, seed, new byte[] {1}));
        assertThat(sa.auth.ppkUsed).isTrue();
        assertThat(failure(s)).isEqualTo(-1);
        assertThat(sa.intermediate.exchanges()).isEqualTo(1); // IntAuth covers this exchange
    }
}
