package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.NotifyType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 9867 (the PPK agreed in IKE_INTERMEDIATE, protecting the IKE SA itself), ike4j against ike4j, deterministic
 * in-process: success with and without additional key exchanges, wrong PPKs, ppk_required against peers without
 * support, and the fallback to RFC 8784 when the peer does not announce USE_PPK_INT.
 */
class PpkIntermediateTest {
    private static int intermediates(TwoPeers.Peer p) {
        return IntermediateExchangeTest.messageIds(p, ExchangeType.IKE_INTERMEDIATE).size();
    }

    @Test
    void bothSupportingItAgreeThePpkInIkeIntermediate() throws Exception {
        TwoPeers t = PpkPeers.run(true, c -> PpkPeers.bothHold(c, true, true));
        PpkPeers.established(t);
        assertThat(PpkPeers.initNotifies(t.a)).contains(NotifyType.USE_PPK_INT.value(), NotifyType.USE_PPK.value(),
                NotifyType.INTERMEDIATE_EXCHANGE_SUPPORTED.value());
        // RFC 9867 3: the responder answers USE_PPK_INT instead of USE_PPK
        assertThat(PpkPeers.initNotifies(t.b)).contains(NotifyType.USE_PPK_INT.value()).doesNotContain(NotifyType.USE_PPK.value());
        assertThat(intermediates(t.a)).isEqualTo(1);
        assertThat(t.a.log).anyMatch(l -> l.contains("using PPK " + PpkPeers.ID + " in IKE_INTERMEDIATE"));
        assertThat(t.b.log).anyMatch(l -> l.contains("using PPK for the peer's PPK_ID in IKE_INTERMEDIATE"));
        assertThat(t.b.log).noneMatch(l -> l.contains("NO_PPK_AUTH"));
    }

    @Test
    void thePpkTravelsWithTheLastAdditionalKeyExchange() throws Exception {
        TwoPeers t = PpkPeers.run(true, c -> {
            c.ike = "aes256gcm16-prfsha384-x25519-ke1_mlkem512-ke2_mlkem768";
            PpkPeers.bothHold(c, false, true);
        });
        PpkPeers.established(t);
        // RFC 9867 3.1, 3.2.1: PPK_IDENTITY_KEY in the last IKE_INTERMEDIATE, applied after that exchange's KE update
        assertThat(intermediates(t.a)).isEqualTo(2);
        assertThat(indexOf(t.a.log, "offering PPK")).isGreaterThan(indexOf(t.a.log, "additional key exchange 1 of 2"));
        assertThat(indexOf(t.a.log, "using PPK " + PpkPeers.ID)).isGreaterThan(indexOf(t.a.log, "additional key exchange 2 of 2"));
        assertThat(t.a.log).anyMatch(l -> l.contains("using PPK " + PpkPeers.ID + " in IKE_INTERMEDIATE"));
        assertThat(t.b.log).anyMatch(l -> l.contains("using PPK for the peer's PPK_ID in IKE_INTERMEDIATE"));
    }

    @Test
    void wrongPpkWithAnAdditionalKeyExchangeIsRefusedWhenRequired() throws Exception {
        TwoPeers t = PpkPeers.run(true, c -> {
            c.ike = "aes256gcm16-prfsha256-x25519-ke1_mlkem768";
            PpkPeers.initiatorHolds(c, PpkPeers.PPK, false);
            PpkPeers.responderHolds(c, PpkPeers.ID, PpkPeers.OTHER, true);
        });
        PpkPeers.failedWith(t, NotifyType.AUTHENTICATION_FAILED);
        assertThat(IntermediateExchangeTest.sent(t.a, ExchangeType.IKE_AUTH)).isEmpty();
    }

    private static int indexOf(List<String> log, String text) {
        synchronized (log) {
            for (int i = 0; i < log.size(); i++) if (log.get(i).contains(text)) return i;
        }
        return -1;
    }

    @Test
    void optionalPpkWithoutAMatchContinuesWithoutIt() throws Exception {
        TwoPeers t = PpkPeers.run(true, c -> {
            PpkPeers.initiatorHolds(c, PpkPeers.PPK, false);
            PpkPeers.responderHolds(c, PpkPeers.ID, PpkPeers.OTHER, false); // same PPK_ID, different key: the confirmation does not match
        });
        PpkPeers.established(t);
        assertThat(t.b.log).anyMatch(l -> l.contains("PPK confirmation mismatch"));
        assertThat(t.a.log).anyMatch(l -> l.contains("peer has no matching PPK, continuing without PPK"));
    }

    @Test
    void wrongPpkIsRefusedWithAuthenticationFailedWhenTheResponderRequiresOne() throws Exception {
        TwoPeers t = PpkPeers.run(true, c -> {
            PpkPeers.initiatorHolds(c, PpkPeers.PPK, false);
            PpkPeers.responderHolds(c, PpkPeers.ID, PpkPeers.OTHER, true);
        });
        PpkPeers.failedWith(t, NotifyType.AUTHENTICATION_FAILED);
        assertThat(t.b.log).anyMatch(l -> l.contains("ppk_required"));
        assertThat(IntermediateExchangeTest.sent(t.a, ExchangeType.IKE_AUTH)).isEmpty();
    }

    @Test
    void wrongPpkFailsAnInitiatorThatRequiresOne() throws Exception {
        TwoPeers t = PpkPeers.run(true, c -> {
            PpkPeers.initiatorHolds(c, PpkPeers.PPK, true);
            PpkPeers.responderHolds(c, PpkPeers.ID, PpkPeers.OTHER, false);
        });
        PpkPeers.failedWith(t, NotifyType.AUTHENTICATION_FAILED);
        assertThat(t.a.events(SaEvent.IkeSaFailed.class).getFirst().reason()).contains("no PPK_IDENTITY");
        assertThat(IntermediateExchangeTest.sent(t.a, ExchangeType.IKE_AUTH)).isEmpty();
    }

    @Test
    void responderRequiringAPpkRefusesAnInitiatorWithoutPpkSupport() throws Exception {
        TwoPeers t = PpkPeers.run(true, c -> PpkPeers.responderHolds(c, PpkPeers.ID, PpkPeers.PPK, true));
        PpkPeers.failedWith(t, NotifyType.AUTHENTICATION_FAILED);
        assertThat(PpkPeers.initNotifies(t.a)).doesNotContain(NotifyType.USE_PPK_INT.value(), NotifyType.USE_PPK.value());
        assertThat(t.b.log).anyMatch(l -> l.contains("PPK required but the peer did not use one"));
    }

    @Test
    void responderRequiringAPpkRefusesAnInitiatorThatSkipsThePpkExchange() throws Exception {
        TwoPeers t = PpkPeers.run(true, c -> {
            c.ppkIdA = PpkPeers.ID; // offers USE_PPK_INT but holds no PPK for its ppk_id, and does not require one
            PpkPeers.responderHolds(c, PpkPeers.ID, PpkPeers.PPK, true);
        });
        PpkPeers.failedWith(t, NotifyType.AUTHENTICATION_FAILED);
        assertThat(intermediates(t.a)).isZero();
        assertThat(t.b.log).anyMatch(l -> l.contains("none was agreed in IKE_INTERMEDIATE"));
    }

    @Test
    void initiatorRequiringAPpkGivesUpWhenTheResponderHasNoPpkSupport() throws Exception {
        TwoPeers t = PpkPeers.run(true, c -> PpkPeers.initiatorHolds(c, PpkPeers.PPK, true));
        PpkPeers.failedWith(t, NotifyType.AUTHENTICATION_FAILED);
        assertThat(PpkPeers.initNotifies(t.b)).doesNotContain(NotifyType.USE_PPK_INT.value(), NotifyType.USE_PPK.value());
        assertThat(IntermediateExchangeTest.sent(t.a, ExchangeType.IKE_AUTH)).isEmpty();
    }

    @Test
    void responderWithoutRfc9867FallsBackToRfc8784() throws Exception {
        TwoPeers t = PpkPeers.run(true, c -> {
            PpkPeers.bothHold(c, true, false);
            c.ppkIntB = false; // like strongSwan 6.1: USE_PPK only
        });
        PpkPeers.established(t);
        assertThat(PpkPeers.initNotifies(t.b)).contains(NotifyType.USE_PPK.value()).doesNotContain(NotifyType.USE_PPK_INT.value());
        assertThat(intermediates(t.a)).isZero();
        assertThat(t.a.log).anyMatch(l -> l.contains("using PPK " + PpkPeers.ID + " (required)"));
        assertThat(t.b.log).anyMatch(l -> l.contains("using PPK for the peer's PPK_ID"));
    }

    @Test
    void initiatorWithoutRfc9867GetsRfc8784FromAResponderWithIt() throws Exception {
        TwoPeers t = PpkPeers.run(true, c -> {
            PpkPeers.bothHold(c, false, false);
            c.ppkIntA = false;
        });
        PpkPeers.established(t);
        assertThat(PpkPeers.initNotifies(t.a)).doesNotContain(NotifyType.USE_PPK_INT.value());
        assertThat(PpkPeers.initNotifies(t.b)).contains(NotifyType.USE_PPK.value()).doesNotContain(NotifyType.USE_PPK_INT.value());
        assertThat(intermediates(t.a)).isZero();
        assertThat(t.b.log).anyMatch(l -> l.contains("using PPK for the peer's PPK_ID") && !l.contains("IKE_INTERMEDIATE"));
    }
}
