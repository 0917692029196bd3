package io.ike4j.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeHeader;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.KeyExchangePayload;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.crypto.KeyExchangeLengths;
import io.ike4j.core.proposal.KeyExchangeMethod;
import io.ike4j.core.sa.IkeSa;
import io.ike4j.core.sa.IkeSaState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 9370 2.2.1 / RFC 9242 errors in IKE_INTERMEDIATE, driven on one side with hand-made (decrypted) requests. */
class IntermediateErrorsTest {
    /** A half-open IKE SA after IKE_SA_INIT that negotiated {@code additional}. */
    private IkeSa sa(boolean initiator, List<KeyExchangeMethod> additional) {
        IkeSa sa = HandDrivenSa.sa(initiator, null, IkeSaState.CONNECTING);
        sa.intermediate.peerSupports = true;
        sa.intermediate.negotiated(additional);
        sa.expectedRequestId = 2;
        return sa;
    }

    private static IkeMessage request(Payload... inner) {
        IkeHeader h = IkeHeader.of(HandDrivenSa.SPI_I, HandDrivenSa.SPI_R, ExchangeType.IKE_INTERMEDIATE, true, false, 1);
        return new IkeMessage(h, List.of(inner));
    }

    private static List<NotifyPayload> answer(Session s, ExchangeType ex) {
        return HandDrivenSa.answer(s, ex).all(NotifyPayload.class);
    }

    @Test
    void unexpectedGroupIsAnsweredWithInvalidKePayloadNamingTheNegotiatedOne() throws Exception {
        IkeSa sa = sa(false, List.of(KeyExchangeMethod.ML_KEM_768));
        Session s = HandDrivenSa.session();
        IkeIntermediateExchange.respond(s, sa, request(new KeyExchangePayload(KeyExchangeMethod.ML_KEM_512.value(),
                new byte[KeyExchangeLengths.initiatorLength(KeyExchangeMethod.ML_KEM_512)], false)), new byte[0]);
        assertThat(answer(s, ExchangeType.IKE_INTERMEDIATE)).singleElement().satisfies(n -> {
            assertThat(n.notifyType()).isEqualTo(NotifyType.INVALID_KE_PAYLOAD.value());
            assertThat(n.data()).containsExactly(0, KeyExchangeMethod.ML_KEM_768.value());
        });
        assertThat(HandDrivenSa.failure(s)).isEqualTo(NotifyType.INVALID_KE_PAYLOAD.value());
        assertThat(sa.state).isEqualTo(IkeSaState.DESTROYED);
    }

    @Test
    void wrongKeyExchangeLengthIsInvalidSyntax() throws Exception {
        IkeSa sa = sa(false, List.of(KeyExchangeMethod.ML_KEM_768));
        Session s = HandDrivenSa.session();
        IkeIntermediateExchange.respond(s, sa, request(new KeyExchangePayload(KeyExchangeMethod.ML_KEM_768.value(),
                new byte[KeyExchangeLengths.initiatorLength(KeyExchangeMethod.ML_KEM_768) - 1], false)), new byte[0]);
        assertThat(answer(s, ExchangeType.IKE_INTERMEDIATE)).singleElement()
                .satisfies(n -> assertThat(n.notifyType()).isEqualTo(NotifyType.INVALID_SYNTAX.value()));
        assertThat(HandDrivenSa.failure(s)).isEqualTo(NotifyType.INVALID_SYNTAX.value());
    }

    @Test
    void missingKeyExchangeIsInvalidSyntax() throws Exception {
        IkeSa sa = sa(false, List.of(KeyExchangeMethod.CURVE25519));
        Session s = HandDrivenSa.session();
        IkeIntermediateExchange.respond(s, sa, request(), new byte[0]);
        assertThat(answer(s, ExchangeType.IKE_INTERMEDIATE)).singleElement()
                .satisfies(n -> assertThat(n.notifyType()).isEqualTo(NotifyType.INVALID_SYNTAX.value()));
    }

    @Test
    void keyExchangeWhenNoneWasNegotiatedIsInvalidSyntax() throws Exception {
        IkeSa sa = sa(false, List.of());
        Session s = HandDrivenSa.session();
        IkeIntermediateExchange.respond(s, sa, request(new KeyExchangePayload(KeyExchangeMethod.CURVE25519.value(),
                new byte[32], false)), new byte[0]);
        assertThat(answer(s, ExchangeType.IKE_INTERMEDIATE)).singleElement()
                .satisfies(n -> assertThat(n.notifyType()).isEqualTo(NotifyType.INVALID_SYNTAX.value()));
    }

    @Test
    void emptyIntermediateExchangeWithoutKeyExchangeIsAnsweredAndAuthenticated() throws Exception {
        IkeSa sa = sa(false, List.of());
        Session s = HandDrivenSa.session();
        IkeIntermediateExchange.respond(s, sa, request(), new byte[0]);
        assertThat(answer(s, ExchangeType.IKE_INTERMEDIATE)).isEmpty();
        assertThat(HandDrivenSa.failure(s)).isEqualTo(-1);
        assertThat(sa.intermediate.exchanges()).isEqualTo(1);
        assertThat(sa.intermediate.intAuthI()).hasSize(32);
    }

    @Test
    void ikeAuthBeforeTheAdditionalKeyExchangesIsRefused() throws Exception {
        IkeSa sa = sa(false, List.of(KeyExchangeMethod.ML_KEM_768));
        Session s = HandDrivenSa.session();
        IkeIntermediateExchange.authTooEarly(s, sa, new IkeMessage(
                IkeHeader.of(HandDrivenSa.SPI_I, HandDrivenSa.SPI_R, ExchangeType.IKE_AUTH, true, false, 1), List.of()));
        assertThat(answer(s, ExchangeType.IKE_AUTH)).singleElement()
                .satisfies(n -> assertThat(n.notifyType()).isEqualTo(NotifyType.INVALID_SYNTAX.value()));
        assertThat(HandDrivenSa.failure(s)).isEqualTo(NotifyType.INVALID_SYNTAX.value());
    }

    @Test
    void initiatorRejectsAResponseWithAnotherGroup() throws Exception {
        IkeSa sa = sa(true, List.of(KeyExchangeMethod.ML_KEM_768));
        Session s = HandDrivenSa.session();
        IkeIntermediateExchange.next(s, sa); // sends KEi(1)
        assertThat(sa.intermediate.keyExchange).isNotNull();
        IkeHeader h = IkeHeader.of(HandDrivenSa.SPI_I, HandDrivenSa.SPI_R, ExchangeType.IKE_INTERMEDIATE, false, true, 0);
        IkeIntermediateExchange.processResponse(s, sa, new IkeMessage(h, List.of(new KeyExchangePayload(
                KeyExchangeMethod.ML_KEM_1024.value(), new byte[KeyExchangeLengths.responderLength(KeyExchangeMethod.ML_KEM_1024)], false))),
                new byte[0]);
        assertThat(HandDrivenSa.failure(s)).isEqualTo(NotifyType.INVALID_SYNTAX.value());
        assertThat(sa.intermediate.keyExchange).isNull();
    }
}
