package io.ike4j.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.payload.AuthenticationPayload;
import io.ike4j.core.codec.payload.DeletePayload;
import io.ike4j.core.codec.payload.EapPayload;
import io.ike4j.core.codec.payload.EncryptedPayload;
import io.ike4j.core.codec.payload.IdType;
import io.ike4j.core.codec.payload.IdentificationPayload;
import io.ike4j.core.codec.payload.KeyExchangePayload;
import io.ike4j.core.codec.payload.NoncePayload;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.codec.payload.UnknownPayload;
import io.ike4j.core.codec.payload.VendorIdPayload;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageRulesTest {
    private static final KeyExchangePayload KE = new KeyExchangePayload(19, new byte[64]);
    private static final NoncePayload NONCE = new NoncePayload(new byte[32]);
    private static final IdentificationPayload IDI = new IdentificationPayload(true, IdType.ID_FQDN, "a".getBytes());
    private static final IdentificationPayload IDR = new IdentificationPayload(false, IdType.ID_FQDN, "b".getBytes());
    private static final AuthenticationPayload AUTH = new AuthenticationPayload(2, new byte[32]);
    private static final NotifyPayload COOKIE = NotifyPayload.of(NotifyType.COOKIE, new byte[8]);
    private static final NotifyPayload AUTH_FAILED = NotifyPayload.of(NotifyType.AUTHENTICATION_FAILED, new byte[0]);

    private static boolean ok(ExchangeType ex, boolean request, Payload... ps) {
        return MessageRules.validate(new IkeMessage(Fixtures.header(ex, !request), List.of(ps)), request).isEmpty();
    }

    @Test
    void ikeSaInit() {
        assertThat(ok(ExchangeType.IKE_SA_INIT, true, Fixtures.sa(), KE, NONCE)).isTrue();
        assertThat(ok(ExchangeType.IKE_SA_INIT, true, COOKIE, Fixtures.sa(), KE, NONCE, new VendorIdPayload(new byte[4])))
                .isTrue();
        assertThat(ok(ExchangeType.IKE_SA_INIT, true, Fixtures.sa(), NONCE)).isFalse();
        assertThat(ok(ExchangeType.IKE_SA_INIT, true, Fixtures.sa(), KE, KE, NONCE)).isFalse();
        assertThat(ok(ExchangeType.IKE_SA_INIT, true, Fixtures.sa(), KE, NONCE, IDI)).isFalse();
        assertThat(ok(ExchangeType.IKE_SA_INIT, false, COOKIE)).isTrue();
        assertThat(ok(ExchangeType.IKE_SA_INIT, false, Fixtures.sa(), KE, NONCE)).isTrue();
        assertThat(ok(ExchangeType.IKE_SA_INIT, false)).isFalse();
        DecodeError e = MessageRules.validate(new IkeMessage(Fixtures.header(ExchangeType.IKE_SA_INIT, false),
                List.of(Fixtures.sa())), false).orElseThrow();
        assertThat(e.kind()).isEqualTo(DecodeError.Kind.INVALID_SYNTAX);
    }

    @Test
    void ikeAuth() {
        assertThat(ok(ExchangeType.IKE_AUTH, true, IDI, AUTH, Fixtures.sa(), Fixtures.ts(true), Fixtures.ts(false)))
                .isTrue();
        assertThat(ok(ExchangeType.IKE_AUTH, true, IDI, Fixtures.sa(), Fixtures.ts(true), Fixtures.ts(false)))
                .as("EAP: no AUTH").isTrue();
        assertThat(ok(ExchangeType.IKE_AUTH, true, IDI, AUTH, Fixtures.sa())).as("SA without TS").isFalse();
        assertThat(ok(ExchangeType.IKE_AUTH, true, IDI, AUTH)).as("childless").isTrue();
        assertThat(ok(ExchangeType.IKE_AUTH, true, AUTH, Fixtures.sa())).isFalse();
        assertThat(ok(ExchangeType.IKE_AUTH, true, new EapPayload(new byte[] {2, 1, 0, 5, 1}))).isTrue();
        assertThat(ok(ExchangeType.IKE_AUTH, false, IDR, AUTH, Fixtures.sa(), Fixtures.ts(true), Fixtures.ts(false)))
                .isTrue();
        assertThat(ok(ExchangeType.IKE_AUTH, false, AUTH_FAILED)).isTrue();
        assertThat(ok(ExchangeType.IKE_AUTH, false, IDR)).isFalse();
        assertThat(ok(ExchangeType.IKE_AUTH, true, IDI, AUTH, new UnknownPayload(150, false, new byte[0]))).isTrue();
    }

    @Test
    void childSaAndInformational() {
        assertThat(ok(ExchangeType.CREATE_CHILD_SA, true, Fixtures.sa(), NONCE, KE, Fixtures.ts(true),
                Fixtures.ts(false))).isTrue();
        assertThat(ok(ExchangeType.CREATE_CHILD_SA, true, Fixtures.sa(), NONCE, KE)).as("IKE rekey").isTrue();
        assertThat(ok(ExchangeType.CREATE_CHILD_SA, true, Fixtures.sa(), NONCE, Fixtures.ts(true))).isFalse();
        assertThat(ok(ExchangeType.CREATE_CHILD_SA, false, NotifyPayload.of(NotifyType.NO_PROPOSAL_CHOSEN,
                new byte[0]))).isTrue();
        assertThat(ok(ExchangeType.INFORMATIONAL, true)).isTrue();
        assertThat(ok(ExchangeType.INFORMATIONAL, true, new DeletePayload(1, 0, List.of()))).isTrue();
        assertThat(ok(ExchangeType.INFORMATIONAL, true, KE)).isFalse();
    }

    @Test
    void outerRules() {
        IkeMessage skOnly = new IkeMessage(Fixtures.header(ExchangeType.IKE_AUTH, false),
                List.of(new EncryptedPayload(35, new byte[20])));
        assertThat(MessageRules.validateOuter(skOnly)).isEmpty();
        IkeMessage clearAuth = new IkeMessage(Fixtures.header(ExchangeType.IKE_AUTH, false), List.of(IDR, AUTH));
        assertThat(MessageRules.validateOuter(clearAuth)).isPresent();
        IkeMessage skInInit = new IkeMessage(Fixtures.header(ExchangeType.IKE_SA_INIT, false),
                List.of(new EncryptedPayload(35, new byte[20])));
        assertThat(MessageRules.validateOuter(skInInit)).isPresent();
        assertThat(MessageRules.validate(skOnly, false)).isPresent();
    }
}
