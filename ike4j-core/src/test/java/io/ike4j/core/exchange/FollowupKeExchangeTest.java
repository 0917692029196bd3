package io.ike4j.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeHeader;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.KeyExchangePayload;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.crypto.KeyExchangeLengths;
import io.ike4j.core.engine.EngineOutput;
import io.ike4j.core.proposal.KeyExchangeMethod;
import io.ike4j.core.crypto.KeyExchange;
import io.ike4j.core.crypto.KeyExchanges;
import io.ike4j.core.sa.FollowupKe;
import io.ike4j.core.sa.IkeSa;
import io.ike4j.core.sa.IkeSaState;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * RFC 9370 2.2.4: IKE_FOLLOWUP_KE on one side, with hand-made (decrypted) requests: the link in
 * N(ADDITIONAL_KEY_EXCHANGE) must name the pending exchange (else STATE_NOT_FOUND), the KE must be the negotiated
 * one, and the responder hands out a fresh link while more key exchanges are to come. A known-answer case checks
 * the rekeyed IKE SA's keys against SKEYSEED = prf(SK_d, SK(0) | Ni | Nr | SK(1)) computed here with raw HMAC calls.
 */
class FollowupKeExchangeTest {
    private static final byte[] LINK = {1, 2, 3, 4, 5, 6, 7, 8};

    /** An established IKE SA whose CREATE_CHILD_SA (an IKE rekey) waits for {@code additional} follow-up exchanges. */
    private IkeSa sa(boolean initiator, List<KeyExchangeMethod> additional) {
        IkeSa sa = HandDrivenSa.sa(initiator, ConnectionConfig.builder("gw").build(), IkeSaState.ESTABLISHED);
        sa.expectedRequestId = 5;
        if (!additional.isEmpty()) {
            FollowupKe f = new FollowupKe(initiator, additional, HandDrivenSa.filled(32, 9),
                    new FollowupKe.Target.IkeRekey(0x3333L, 0x4444L, sa.transforms, HandDrivenSa.filled(32, 1), HandDrivenSa.filled(32, 2)));
            f.link(LINK);
            sa.followup = f;
        }
        return sa;
    }

    private static IkeMessage request(Payload... inner) {
        return new IkeMessage(IkeHeader.of(HandDrivenSa.SPI_I, HandDrivenSa.SPI_R, ExchangeType.IKE_FOLLOWUP_KE, true, false, 4), List.of(inner));
    }

    private static NotifyPayload link(byte[] data) {
        return NotifyPayload.of(NotifyType.ADDITIONAL_KEY_EXCHANGE, data);
    }

    private KeyExchangePayload kei(KeyExchangeMethod m) throws Exception {
        KeyExchange ke = KeyExchanges.initiate(m, HandDrivenSa.RANDOM);
        try {
            return new KeyExchangePayload(m.value(), ke.publicValue(), false);
        } finally {
            ke.destroy();
        }
    }

    private static List<Payload> answer(Session s) {
        return HandDrivenSa.answer(s, ExchangeType.IKE_FOLLOWUP_KE).payloads();
    }

    private static List<NotifyPayload> notifies(List<Payload> ps) {
        return ps.stream().filter(NotifyPayload.class::isInstance).map(NotifyPayload.class::cast).toList();
    }

    @Test
    void followupWithoutAPendingExchangeIsStateNotFound() throws Exception {
        IkeSa sa = sa(false, List.of());
        Session s = HandDrivenSa.session();
        FollowupKeExchange.respond(s, sa, request(kei(KeyExchangeMethod.ML_KEM_768), link(LINK)));
        assertThat(notifies(answer(s))).singleElement()
                .satisfies(n -> assertThat(n.notifyType()).isEqualTo(NotifyType.STATE_NOT_FOUND.value()));
        assertThat(sa.state).isEqualTo(IkeSaState.ESTABLISHED);
    }

    @Test
    void followupWithAnotherLinkIsStateNotFoundAndThePendingExchangeStays() throws Exception {
        IkeSa sa = sa(false, List.of(KeyExchangeMethod.ML_KEM_768));
        Session s = HandDrivenSa.session();
        FollowupKeExchange.respond(s, sa, request(kei(KeyExchangeMethod.ML_KEM_768), link(new byte[] {9, 9, 9, 9, 9, 9, 9, 9})));
        assertThat(notifies(answer(s))).singleElement()
                .satisfies(n -> assertThat(n.notifyType()).isEqualTo(NotifyType.STATE_NOT_FOUND.value()));
        assertThat(sa.followup).isNotNull();
        assertThat(sa.followup.done()).isZero();
    }

    @Test
    void followupWithAnotherGroupIsInvalidKePayloadAndAbandonsTheExchange() throws Exception {
        IkeSa sa = sa(false, List.of(KeyExchangeMethod.ML_KEM_768));
        Session s = HandDrivenSa.session();
        FollowupKeExchange.respond(s, sa, request(kei(KeyExchangeMethod.ML_KEM_512), link(LINK)));
        assertThat(notifies(answer(s))).singleElement().satisfies(n -> {
            assertThat(n.notifyType()).isEqualTo(NotifyType.INVALID_KE_PAYLOAD.value());
            assertThat(n.data()).containsExactly(0, KeyExchangeMethod.ML_KEM_768.value());
        });
        assertThat(sa.followup).isNull();
        assertThat(sa.state).isEqualTo(IkeSaState.ESTABLISHED);
    }

    @Test
    void followupWithATruncatedKeyIsInvalidSyntax() throws Exception {
        IkeSa sa = sa(false, List.of(KeyExchangeMethod.ML_KEM_768));
        Session s = HandDrivenSa.session();
        FollowupKeExchange.respond(s, sa, request(new KeyExchangePayload(KeyExchangeMethod.ML_KEM_768.value(),
                new byte[KeyExchangeLengths.initiatorLength(KeyExchangeMethod.ML_KEM_768) - 1], false), link(LINK)));
        assertThat(notifies(answer(s))).singleElement()
                .satisfies(n -> assertThat(n.notifyType()).isEqualTo(NotifyType.INVALID_SYNTAX.value()));
        assertThat(sa.followup).isNull();
    }

    @Test
    void responderAnswersWithItsKeyAndANewLinkWhileMoreAreToCome() throws Exception {
        IkeSa sa = sa(false, List.of(KeyExchangeMethod.ML_KEM_768, KeyExchangeMethod.ML_KEM_1024));
        Session s = HandDrivenSa.session();
        FollowupKeExchange.respond(s, sa, request(kei(KeyExchangeMethod.ML_KEM_768), link(LINK)));
        List<Payload> ps = answer(s);
        assertThat(ps).filteredOn(KeyExchangePayload.class::isInstance).singleElement().satisfies(p -> {
            KeyExchangePayload ke = (KeyExchangePayload) p;
            assertThat(ke.group()).isEqualTo(KeyExchangeMethod.ML_KEM_768.value());
            assertThat(ke.data()).hasSize(KeyExchangeLengths.responderLength(KeyExchangeMethod.ML_KEM_768));
        });
        assertThat(notifies(ps)).singleElement().satisfies(n -> {
            assertThat(n.notifyType()).isEqualTo(NotifyType.ADDITIONAL_KEY_EXCHANGE.value());
            assertThat(n.data()).isNotEmpty().isEqualTo(sa.followup.link());
        });
        assertThat(sa.followup.done()).isEqualTo(1);
        assertThat(sa.followup.next()).isEqualTo(KeyExchangeMethod.ML_KEM_1024);
    }

    @Test
    void initiatorGivesUpWhenMoreAreToComeButNoLinkArrives() throws Exception {
        IkeSa sa = sa(true, List.of(KeyExchangeMethod.ML_KEM_768, KeyExchangeMethod.ML_KEM_1024));
        Session s = HandDrivenSa.session();
        FollowupKeExchange.next(s, sa); // sends KEi(1) with the link
        assertThat(sa.followup.pending).isNotNull();
        KeyExchange responder = KeyExchanges.initiate(KeyExchangeMethod.ML_KEM_768, HandDrivenSa.RANDOM); // just a well-formed reply
        byte[] ct = KeyExchanges.respond(KeyExchangeMethod.ML_KEM_768, sa.followup.pending.publicValue(), HandDrivenSa.RANDOM).publicValue();
        responder.destroy();
        IkeHeader h = IkeHeader.of(HandDrivenSa.SPI_I, HandDrivenSa.SPI_R, ExchangeType.IKE_FOLLOWUP_KE, true, true, 0);
        FollowupKeExchange.processResponse(s, sa, new IkeMessage(h, List.of(new KeyExchangePayload(
                KeyExchangeMethod.ML_KEM_768.value(), ct, false))));
        assertThat(sa.followup).isNull();
        assertThat(s.outputs()).anySatisfy(o -> assertThat(o).isInstanceOf(EngineOutput.StartTimer.class));
    }

    @Test
    void aNewCreateChildSaInsteadOfTheFollowupAbandonsThePendingExchange() throws Exception {
        IkeSa sa = sa(false, List.of(KeyExchangeMethod.ML_KEM_768));
        Session s = HandDrivenSa.session();
        IkeHeader h = IkeHeader.of(HandDrivenSa.SPI_I, HandDrivenSa.SPI_R, ExchangeType.CREATE_CHILD_SA, true, false, 5);
        CreateChildSaExchange.respond(s, sa, new IkeMessage(h, List.of(new io.ike4j.core.codec.payload.SecurityAssociationPayload(
                List.of(new io.ike4j.core.codec.payload.ProposalSubstructure(1, 3, new byte[4], List.of()))))));
        assertThat(sa.followup).as("the initiator gave the follow-up up").isNull();
        assertThat(notifies(HandDrivenSa.answer(s, ExchangeType.CREATE_CHILD_SA).payloads())).singleElement()
                .satisfies(n -> assertThat(n.notifyType()).isNotEqualTo(NotifyType.TEMPORARY_FAILURE.value()));
    }

    private static byte[] hmac(byte[] key, byte[]... data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        for (byte[] d : data) mac.update(d);
        return mac.doFinal();
    }

    /** RFC 7296 2.13 prf+ with HMAC-SHA-256, written out: T1 = prf(K, S | 0x01), Tn = prf(K, Tn-1 | S | n). */
    private static byte[] prfPlus(byte[] key, byte[] seed, int length) throws Exception {
        byte[] out = new byte[length];
        byte[] t = new byte[0];
        for (int n = 1, at = 0; at < length; n++) {
            t = hmac(key, t, seed, new byte[] {(byte) n});
            System.arraycopy(t, 0, out, at, Math.min(t.length, length - at));
            at += t.length;
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) b.writeBytes(p);
        return b.toByteArray();
    }

    @Test
    void lastFollowupRekeysTheIkeSaWithTheKeysRfc9370Defines() throws Exception {
        IkeSa sa = sa(false, List.of(KeyExchangeMethod.ML_KEM_768));
        byte[] oldSkD = sa.keys.skD();
        Session s = HandDrivenSa.session();
        KeyExchange ours = KeyExchanges.initiate(KeyExchangeMethod.ML_KEM_768, HandDrivenSa.RANDOM);
        FollowupKeExchange.respond(s, sa, request(new KeyExchangePayload(KeyExchangeMethod.ML_KEM_768.value(),
                ours.publicValue(), false), link(LINK)));
        KeyExchangePayload ker = answer(s).stream().filter(KeyExchangePayload.class::isInstance)
                .map(KeyExchangePayload.class::cast).findFirst().orElseThrow();
        byte[] sk1 = ours.sharedSecret(ker.data());
        ours.destroy();
        assertThat(sa.followup).isNull();
        assertThat(sa.initiatorSpi()).isEqualTo(0x3333L);
        assertThat(sa.responderSpi).isEqualTo(0x4444L);

        // RFC 9370 2.2.4: SKEYSEED = prf(SK_d (old), SK(0) | Ni | Nr | SK(1)); keys = prf+(SKEYSEED, Ni | Nr | SPIi | SPIr)
        byte[] ni = HandDrivenSa.filled(32, 1), nr = HandDrivenSa.filled(32, 2), sk0 = HandDrivenSa.filled(32, 9);
        byte[] skeyseed = hmac(oldSkD, sk0, ni, nr, sk1);
        byte[] spis = HexFormat.of().parseHex("00000000000033330000000000004444");
        byte[] keys = prfPlus(skeyseed, concat(ni, nr, spis), 7 * 32);
        assertThat(sa.keys.skD()).isEqualTo(Arrays.copyOfRange(keys, 0, 32));
        assertThat(sa.keys.skPi()).isEqualTo(Arrays.copyOfRange(keys, 5 * 32, 6 * 32));
        assertThat(sa.keys.skPr()).isEqualTo(Arrays.copyOfRange(keys, 6 * 32, 7 * 32));
        // and not what RFC 7296 2.18 alone would give (SK(1) left out)
        assertThat(sa.keys.skD()).isNotEqualTo(Arrays.copyOf(prfPlus(hmac(oldSkD, sk0, ni, nr), concat(ni, nr, spis), 32), 32));
    }
}
