package io.ike4j.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeHeader;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.Credentials;
import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.config.SharedSecret;
import io.ike4j.core.sa.IkeSa;
import io.ike4j.core.sa.IkeSaState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * RFC 9867 3.1 as responder, driven with hand-made (decrypted) IKE_INTERMEDIATE requests: malformed PPK_IDENTITY_KEY
 * bodies are answered with INVALID_SYNTAX (no exception), a wrong confirmation with AUTHENTICATION_FAILED when a PPK is
 * required, and a good one with PPK_IDENTITY and SK_d recalculated as the test computes it independently.
 */
class PpkIntermediateErrorsTest {
    private static final String ID = "pqpsk@example.org";
    private static final byte[] PPK = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static Session session() {
        Credentials cred = Credentials.builder().ppk(SharedSecret.of(new String(PPK, StandardCharsets.UTF_8), ID)).build();
        return HandDrivenSa.session(EngineConfig.builder().credentials(cred).build());
    }

    /** A responder's half-open IKE SA after IKE_SA_INIT with USE_PPK_INT agreed and no additional key exchange. */
    private IkeSa sa(boolean required) {
        IkeSa sa = HandDrivenSa.sa(false, ConnectionConfig.builder("gw").ppk(null, required).build(), IkeSaState.CONNECTING);
        sa.intermediate.peerSupports = true;
        sa.intermediate.negotiated(List.of());
        sa.auth.ppkInt = true;
        sa.expectedRequestId = 1;
        return sa;
    }

    private static IkeMessage request(NotifyPayload... inner) {
        IkeHeader h = IkeHeader.of(HandDrivenSa.SPI_I, HandDrivenSa.SPI_R, ExchangeType.IKE_INTERMEDIATE, true, false, 1);
        return new IkeMessage(h, List.of(inner));
    }

    private static List<NotifyPayload> answer(Session s) {
        return HandDrivenSa.answer(s, ExchangeType.IKE_INTERMEDIATE).all(NotifyPayload.class);
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
            assertThat(HandDrivenSa.failure(s)).isEqualTo(NotifyType.INVALID_SYNTAX.value());
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
        IkeIntermediateExchange.respond(s, sa, request(identityKey(HandDrivenSa.filled(8, 0x77))), new byte[0]);
        assertThat(answer(s)).singleElement()
                .satisfies(n -> assertThat(n.notifyType()).isEqualTo(NotifyType.AUTHENTICATION_FAILED.value()));
        assertThat(HandDrivenSa.failure(s)).isEqualTo(NotifyType.AUTHENTICATION_FAILED.value());
    }

    @Test
    void wrongConfirmationWithoutRequirementAnswersWithoutPpkIdentityAndKeepsTheKeys() throws Exception {
        IkeSa sa = sa(false);
        Session s = session();
        IkeIntermediateExchange.respond(s, sa, request(identityKey(HandDrivenSa.filled(8, 0x77))), new byte[0]);
        assertThat(answer(s)).isEmpty();
        assertThat(sa.keys.skD()).isEqualTo(HandDrivenSa.filled(32, 5));
        assertThat(sa.auth.ppkUsed).isFalse();
        assertThat(HandDrivenSa.failure(s)).isEqualTo(-1);
    }

    @Test
    void goodConfirmationIsAnsweredWithPpkIdentityAndTheKeysTakeThePpk() throws Exception {
        IkeSa sa = sa(true);
        Session s = session();
        byte[] seed = new ByteArrayOutputStream() {{ writeBytes(HandDrivenSa.filled(32, 1)); writeBytes(HandDrivenSa.filled(32, 2));
            writeBytes(spi(HandDrivenSa.SPI_I)); writeBytes(spi(HandDrivenSa.SPI_R)); }}.toByteArray();
        byte[] confirmation = Arrays.copyOf(hmac(PPK, seed), 8); // RFC 9867 3.1
        IkeIntermediateExchange.respond(s, sa, request(identityKey(confirmation)), new byte[0]);
        assertThat(answer(s)).singleElement().satisfies(n -> {
            assertThat(n.notifyType()).isEqualTo(NotifyType.PPK_IDENTITY.value());
            assertThat(n.data()).isEqualTo(PpkIdentityKey.encodeId(PpkUnit.PPK_ID_FIXED, ID.getBytes(StandardCharsets.UTF_8)));
        });
        // RFC 9867 "Computing IKE SA Keys": SKEYSEED' = prf+(PPK, SK_d) = prf(PPK, SK_d | 0x01); SK_d' = first block of prf+(SKEYSEED', seed)
        byte[] skeyseed = hmac(PPK, HandDrivenSa.filled(32, 5), new byte[] {1});
        assertThat(sa.keys.skD()).isEqualTo(hmac(skeyseed, seed, new byte[] {1}));
        assertThat(sa.auth.ppkUsed).isTrue();
        assertThat(HandDrivenSa.failure(s)).isEqualTo(-1);
        assertThat(sa.intermediate.exchanges()).isEqualTo(1); // IntAuth covers this exchange
    }
}
