package io.ike4j.core.engine.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.KeyExchangePayload;
import io.ike4j.core.codec.payload.NoncePayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.codec.payload.SecurityAssociationPayload;
import io.ike4j.core.codec.payload.TransformAttribute;
import io.ike4j.core.codec.payload.TransformSubstructure;
import io.ike4j.core.engine.EngineInput;
import io.ike4j.core.engine.IkeSaInfo;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Malformed IKE SA rekeys (CREATE_CHILD_SA with an IKE proposal, RFC 7296 1.3.2) from an authenticated insider to
 * an ike4j responder: each is answered with the right notify, and the IKE SA is not broken: a liveness check is
 * answered and a well-formed rekey succeeds afterwards.
 */
class InsiderIkeRekeyTest {
    private final Insider in = Insider.established(new EnginePeers());

    /** Sends the crafted request as message 2 and returns the notify types of the answer. */
    private List<Integer> refused(Function<Insider, List<Payload>> request) {
        IkeMessage answer = in.toResponder(ExchangeType.CREATE_CHILD_SA, 2, request.apply(in)).orElseThrow();
        assertThat(answer.first(SecurityAssociationPayload.class)).as("no SA in a refusal").isEmpty();
        return Insider.notifies(answer);
    }

    /** The SA still works: message 3 (liveness) answered empty, message 4 (a good rekey) gives a new IKE SA. */
    private void stillWorks() {
        assertThat(in.toResponder(ExchangeType.INFORMATIONAL, 3, List.of())).hasValueSatisfying(m -> assertThat(m.payloads()).isEmpty());
        assertThat(established()).hasSize(1);
        IkeMessage ok = in.toResponder(ExchangeType.CREATE_CHILD_SA, 4, in.ikeRekey()).orElseThrow();
        assertThat(ok.first(SecurityAssociationPayload.class)).as("rekey answered: " + Insider.notifies(ok)).isPresent();
        assertThat(ok.first(KeyExchangePayload.class)).isPresent();
        assertThat(established()).singleElement().satisfies(s -> assertThat(s.initiatorSpi()).isNotEqualTo(in.keys.spiI()));
    }

    private List<IkeSaInfo> established() {
        return in.peers.responder.engine.listSas().stream().filter(s -> s.state().equals("ESTABLISHED")).toList();
    }

    @Test
    void aWellFormedRekeyIsAnsweredAndSwitchesOver() {
        IkeMessage ok = in.toResponder(ExchangeType.CREATE_CHILD_SA, 2, in.ikeRekey()).orElseThrow();
        assertThat(ok.first(SecurityAssociationPayload.class).orElseThrow().proposals().getFirst().spi()).hasSize(8);
        assertThat(ok.first(NoncePayload.class)).isPresent();
        assertThat(established()).singleElement().satisfies(s -> assertThat(s.initiatorSpi()).isNotEqualTo(in.keys.spiI()));
    }

    @Test
    void rekeyWithoutKeIsAnsweredInvalidKePayload() {
        assertThat(refused(i -> List.of(i.ikeRekey().get(0), i.ikeRekey().get(1))))
                .containsExactly(NotifyType.INVALID_KE_PAYLOAD.value());
        stillWorks();
    }

    @Test
    void rekeyWithoutNonceIsAnsweredInvalidSyntax() {
        assertThat(refused(i -> List.of(i.ikeRekey().get(0), i.ikeRekey().get(2)))).containsExactly(NotifyType.INVALID_SYNTAX.value());
        stillWorks();
    }

    @Test
    void rekeyWithAKeOfAnotherGroupIsAnsweredInvalidKePayload() {
        assertThat(refused(i -> List.of(i.ikeRekey().get(0), i.nonce(), new KeyExchangePayload(19, new byte[64], false))))
                .containsExactly(NotifyType.INVALID_KE_PAYLOAD.value());
        stillWorks();
    }

    @Test
    void rekeyWithEmptyKeDataIsRefused() {
        assertThat(refused(i -> List.of(i.ikeRekey().get(0), i.nonce(), new KeyExchangePayload(31, new byte[0], false))))
                .containsAnyOf(NotifyType.INVALID_SYNTAX.value(), NotifyType.INVALID_KE_PAYLOAD.value());
        stillWorks();
    }

    @Test
    void rekeyWithAFourOctetSpiIsAnsweredNoProposalChosen() {
        assertThat(refused(i -> List.of(i.ikeSa(i.spi(4), i.ikeProposal.transforms()), i.nonce(), i.x25519())))
                .containsExactly(NotifyType.NO_PROPOSAL_CHOSEN.value());
        stillWorks();
    }

    @Test
    void rekeyWithoutSpiIsAnsweredNoProposalChosen() {
        assertThat(refused(i -> List.of(i.ikeSa(new byte[0], i.ikeProposal.transforms()), i.nonce(), i.x25519())))
                .containsExactly(NotifyType.NO_PROPOSAL_CHOSEN.value());
        stillWorks();
    }

    @Test
    void anIkeProposalWithEspTransformsIsAnsweredNoProposalChosen() {
        List<TransformSubstructure> esp = List.of(new TransformSubstructure(1, 20, List.of(TransformAttribute.keyLength(128))),
                new TransformSubstructure(5, 0, List.of()));
        assertThat(refused(i -> List.of(i.ikeSa(i.spi(8), esp), i.nonce(), i.x25519())))
                .containsExactly(NotifyType.NO_PROPOSAL_CHOSEN.value());
        stillWorks();
    }

    /**
     * Found here: the old IKE SA, kept after a rekey only for its Delete (RFC 7296 2.18), was still ESTABLISHED and
     * accepted a second rekey, which made a second live IKE SA out of one. Now refused with TEMPORARY_FAILURE.
     */
    @Test
    void aRekeyOfTheOldSaAfterItWasRekeyedIsAnsweredTemporaryFailure() {
        assertThat(in.toResponder(ExchangeType.CREATE_CHILD_SA, 2, in.ikeRekey()).orElseThrow()
                .first(SecurityAssociationPayload.class)).isPresent();
        int sas = in.peers.responder.engine.listSas().size();
        IkeMessage again = in.toResponder(ExchangeType.CREATE_CHILD_SA, 3, in.ikeRekey()).orElseThrow();
        assertThat(Insider.notifies(again)).containsExactly(NotifyType.TEMPORARY_FAILURE.value());
        assertThat(in.peers.responder.log).anyMatch(l -> l.contains("CREATE_CHILD_SA request 3 on a rekeyed-away IKE SA"));
        assertThat(in.peers.responder.engine.listSas()).hasSize(sas);
        assertThat(established()).singleElement().satisfies(s -> assertThat(s.children()).hasSize(1));
        // the old SA's Delete still works (RFC 7296 2.18: the initiator of the rekey deletes it)
        assertThat(in.toResponder(ExchangeType.INFORMATIONAL, 4, List.of(new io.ike4j.core.codec.payload.DeletePayload(1, 0, List.of(),
                false)))).isPresent();
        assertThat(established()).singleElement().satisfies(s -> assertThat(s.children()).hasSize(1));
    }

    @Test
    void aRekeyWhileOursIsPendingIsACollisionAndASecondOneWaits() {
        long id = in.peers.responder.engine.listSas().getFirst().ikeSaId();
        in.peers.responder.engine.handle(new EngineInput.RekeyIke(id, false)); // its request is never delivered
        IkeMessage crossing = in.toResponder(ExchangeType.CREATE_CHILD_SA, 2, in.ikeRekey()).orElseThrow();
        assertThat(crossing.first(SecurityAssociationPayload.class)).as("RFC 7296 2.25.2: answered as usual").isPresent();
        assertThat(in.peers.responder.log).anyMatch(l -> l.contains("IKE_SA rekey collision detected"));
        IkeMessage third = in.toResponder(ExchangeType.CREATE_CHILD_SA, 3, in.ikeRekey()).orElseThrow();
        assertThat(Insider.notifies(third)).containsExactly(NotifyType.TEMPORARY_FAILURE.value());
        assertThat(established()).hasSize(1);
    }

    @Test
    void aRekeyAfterWeStartedDeletingIsAnsweredTemporaryFailure() {
        long id = in.peers.responder.engine.listSas().getFirst().ikeSaId();
        in.peers.responder.engine.handle(new EngineInput.TerminateIke(id)); // our DELETE is never delivered
        IkeMessage answer = in.toResponder(ExchangeType.CREATE_CHILD_SA, 2, in.ikeRekey()).orElseThrow();
        assertThat(Insider.notifies(answer)).containsExactly(NotifyType.TEMPORARY_FAILURE.value());
        assertThat(in.peers.responder.engine.listSas()).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void aRekeyAfterThePeerDeletedTheSaIsDropped() {
        assertThat(in.toResponder(ExchangeType.INFORMATIONAL, 2, List.of(new io.ike4j.core.codec.payload.DeletePayload(1, 0, List.of(),
                false)))).isPresent();
        assertThat(in.peers.responder.engine.listSas()).isEmpty();
        assertThat(in.toResponder(ExchangeType.CREATE_CHILD_SA, 3, in.ikeRekey())).isEmpty();
        assertThat(in.peers.responder.engine.listSas()).isEmpty();
    }
}
