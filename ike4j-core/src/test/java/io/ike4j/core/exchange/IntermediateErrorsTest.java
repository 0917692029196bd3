package io.ike4j.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.DecodeResult;
import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeHeader;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.KeyExchangePayload;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.crypto.KeyExchangeLengths;
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
import java.net.InetAddress;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 9370 2.2.1 / RFC 9242 errors in IKE_INTERMEDIATE, driven on one side with hand-made (decrypted) requests. */
class IntermediateErrorsTest {
    private static final long SPI_I = 0x1111L, SPI_R = 0x2222L;
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
        return new Session(new EngineContext(EngineConfig.builder().build(), InstantSource.fixed(Instant.EPOCH), random),
                new NoRegistry());
    }

    private SkProtection protection(byte[] enc, byte[] integ) {
        return SkProtections.forDirection(EncryptionAlgorithm.AES_CBC, 256, IntegrityAlgorithm.HMAC_SHA2_256_128, enc,
                integ, random);
    }

    /** A half-open IKE SA after IKE_SA_INIT that negotiated {@code additional}. */
    private IkeSa sa(boolean initiator, List<KeyExchangeMethod> additional) throws Exception {
        IkeSa sa = new IkeSa(1, initiator, SPI_I, null, 0);
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
        sa.intermediate.negotiated(additional);
        sa.expectedRequestId = 2;
        return sa;
    }

    private static IkeMessage request(Payload... inner) {
        IkeHeader h = IkeHeader.of(SPI_I, SPI_R, ExchangeType.IKE_INTERMEDIATE, true, false, 1);
        return new IkeMessage(h, List.of(inner));
    }

    /** The notifications of the one response {@code s} sent, opened with the responder's outbound keys. */
    private List<NotifyPayload> answer(Session s, ExchangeType ex) {
        List<byte[]> sent = s.outputs().stream().filter(EngineOutput.SendDatagram.class::isInstance)
                .map(o -> ((EngineOutput.SendDatagram) o).data()).toList();
        assertThat(sent).hasSize(1);
        byte[] d = sent.getFirst();
        assertThat(d[18] & 0xff).isEqualTo(ex.value());
        IkeMessage outer = ((DecodeResult.Decoded) Messenger.CODEC.decode(d)).message();
        DecodeResult inner = Messenger.CODEC.decodeInner(outer, d, protection(keyR, integR));
        return ((DecodeResult.Decoded) inner).message().all(NotifyPayload.class);
    }

    private static int failure(Session s) {
        return s.outputs().stream().filter(EngineOutput.Notify.class::isInstance).map(o -> ((EngineOutput.Notify) o).event())
                .filter(SaEvent.IkeSaFailed.class::isInstance).map(e -> ((SaEvent.IkeSaFailed) e).notifyType())
                .findFirst().orElse(-1);
    }

    @Test
    void unexpectedGroupIsAnsweredWithInvalidKePayloadNamingTheNegotiatedOne() throws Exception {
        IkeSa sa = sa(false, List.of(KeyExchangeMethod.ML_KEM_768));
        Session s = session();
        IkeIntermediateExchange.respond(s, sa, request(new KeyExchangePayload(KeyExchangeMethod.ML_KEM_512.value(),
                new byte[KeyExchangeLengths.initiatorLength(KeyExchangeMethod.ML_KEM_512)], false)), new byte[0]);
        assertThat(answer(s, ExchangeType.IKE_INTERMEDIATE)).singleElement().satisfies(n -> {
            assertThat(n.notifyType()).isEqualTo(NotifyType.INVALID_KE_PAYLOAD.value());
            assertThat(n.data()).containsExactly(0, KeyExchangeMethod.ML_KEM_768.value());
        });
        assertThat(failure(s)).isEqualTo(NotifyType.INVALID_KE_PAYLOAD.value());
        assertThat(sa.state).isEqualTo(IkeSaState.DESTROYED);
    }

    @Test
    void wrongKeyExchangeLengthIsInvalidSyntax() throws Exception {
        IkeSa sa = sa(false, List.of(KeyExchangeMethod.ML_KEM_768));
        Session s = session();
        IkeIntermediateExchange.respond(s, sa, request(new KeyExchangePayload(KeyExchangeMethod.ML_KEM_768.value(),
                new byte[KeyExchangeLengths.initiatorLength(KeyExchangeMethod.ML_KEM_768) - 1], false)), new byte[0]);
        assertThat(answer(s, ExchangeType.IKE_INTERMEDIATE)).singleElement()
                .satisfies(n -> assertThat(n.notifyType()).isEqualTo(NotifyType.INVALID_SYNTAX.value()));
        assertThat(failure(s)).isEqualTo(NotifyType.INVALID_SYNTAX.value());
    }

    @Test
    void missingKeyExchangeIsInvalidSyntax() throws Exception {
        IkeSa sa = sa(false, List.of(KeyExchangeMethod.CURVE25519));
        Session s = session();
        IkeIntermediateExchange.respond(s, sa, request(), new byte[0]);
        assertThat(answer(s, ExchangeType.IKE_INTERMEDIATE)).singleElement()
                .satisfies(n -> assertThat(n.notifyType()).isEqualTo(NotifyType.INVALID_SYNTAX.value()));
    }

    @Test
    void keyExchangeWhenNoneWasNegotiatedIsInvalidSyntax() throws Exception {
        IkeSa sa = sa(false, List.of());
        Session s = session();
        IkeIntermediateExchange.respond(s, sa, request(new KeyExchangePayload(KeyExchangeMethod.CURVE25519.value(),
                new byte[32], false)), new byte[0]);
        assertThat(answer(s, ExchangeType.IKE_INTERMEDIATE)).singleElement()
                .satisfies(n -> assertThat(n.notifyType()).isEqualTo(NotifyType.INVALID_SYNTAX.value()));
    }

    @Test
    void emptyIntermediateExchangeWithoutKeyExchangeIsAnsweredAndAuthenticated() throws Exception {
        IkeSa sa = sa(false, List.of());
        Session s = session();
        IkeIntermediateExchange.respond(s, sa, request(), new byte[0]);
        assertThat(answer(s, ExchangeType.IKE_INTERMEDIATE)).isEmpty();
        assertThat(failure(s)).isEqualTo(-1);
        assertThat(sa.intermediate.exchanges()).isEqualTo(1);
        assertThat(sa.intermediate.intAuthI()).hasSize(32);
    }

    @Test
    void ikeAuthBeforeTheAdditionalKeyExchangesIsRefused() throws Exception {
        IkeSa sa = sa(false, List.of(KeyExchangeMethod.ML_KEM_768));
        Session s = session();
        IkeIntermediateExchange.authTooEarly(s, sa, new IkeMessage(
                IkeHeader.of(SPI_I, SPI_R, ExchangeType.IKE_AUTH, true, false, 1), List.of()));
        assertThat(answer(s, ExchangeType.IKE_AUTH)).singleElement()
                .satisfies(n -> assertThat(n.notifyType()).isEqualTo(NotifyType.INVALID_SYNTAX.value()));
        assertThat(failure(s)).isEqualTo(NotifyType.INVALID_SYNTAX.value());
    }

    @Test
    void initiatorRejectsAResponseWithAnotherGroup() throws Exception {
        IkeSa sa = sa(true, List.of(KeyExchangeMethod.ML_KEM_768));
        Session s = session();
        IkeIntermediateExchange.next(s, sa); // sends KEi(1)
        assertThat(sa.intermediate.keyExchange).isNotNull();
        IkeHeader h = IkeHeader.of(SPI_I, SPI_R, ExchangeType.IKE_INTERMEDIATE, false, true, 0);
        IkeIntermediateExchange.processResponse(s, sa, new IkeMessage(h, List.of(new KeyExchangePayload(
                KeyExchangeMethod.ML_KEM_1024.value(), new byte[KeyExchangeLengths.responderLength(KeyExchangeMethod.ML_KEM_1024)], false))),
                new byte[0]);
        assertThat(failure(s)).isEqualTo(NotifyType.INVALID_SYNTAX.value());
        assertThat(sa.intermediate.keyExchange).isNull();
    }
}
