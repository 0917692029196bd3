package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.NotifyType;
import org.junit.jupiter.api.Test;

/**
 * RFC 8784 postquantum preshared keys, ike4j against ike4j: the responder behaviour matrix of section 3. Both sides
 * keep to RFC 8784 here (RFC 9867 off, as with a peer that does not announce USE_PPK_INT); RFC 9867 is
 * {@link PpkIntermediateTest}.
 */
class PpkTest {
    private static boolean announcesUsePpk(TwoPeers.Peer p) {
        return PpkPeers.initNotifies(p).contains(NotifyType.USE_PPK.value());
    }

    @Test
    void requiredOnBothSidesUsesThePpk() throws Exception {
        TwoPeers t = PpkPeers.run(false, c -> PpkPeers.bothHold(c, true, true));
        PpkPeers.established(t);
        assertThat(announcesUsePpk(t.a)).isTrue();
        assertThat(announcesUsePpk(t.b)).isTrue();
        assertThat(t.a.log).anyMatch(l -> l.contains("using PPK " + PpkPeers.ID + " (required)"));
        assertThat(t.b.log).anyMatch(l -> l.contains("using PPK for the peer's PPK_ID"));
    }

    @Test
    void optionalPpkIsUsedWhenBothHoldIt() throws Exception {
        TwoPeers t = PpkPeers.run(false, c -> PpkPeers.bothHold(c, false, false));
        PpkPeers.established(t);
        assertThat(t.b.log).anyMatch(l -> l.contains("using PPK for the peer's PPK_ID"));
        assertThat(t.b.log).noneMatch(l -> l.contains("NO_PPK_AUTH"));
    }

    @Test
    void responderWithoutThatPpkFallsBackToNoPpkAuth() throws Exception {
        TwoPeers t = PpkPeers.run(false, c -> {
            PpkPeers.initiatorHolds(c, PpkPeers.PPK, false);
            PpkPeers.responderHolds(c, "other@example.org", PpkPeers.PPK, false); // supports PPK, but not this PPK_ID
        });
        PpkPeers.established(t);
        assertThat(announcesUsePpk(t.b)).isTrue();
        assertThat(t.b.log).anyMatch(l -> l.contains("authenticating with NO_PPK_AUTH"));
    }

    @Test
    void responderWithoutPpkSupportIsNotAskedForOne() throws Exception {
        TwoPeers t = PpkPeers.run(false, c -> PpkPeers.initiatorHolds(c, PpkPeers.PPK, false));
        PpkPeers.established(t);
        assertThat(announcesUsePpk(t.a)).isTrue();
        assertThat(announcesUsePpk(t.b)).isFalse();
        assertThat(t.a.log).noneMatch(l -> l.contains("using PPK"));
    }

    @Test
    void initiatorRequiringAPpkTheResponderLacksIsRefused() throws Exception {
        TwoPeers t = PpkPeers.run(false, c -> {
            PpkPeers.initiatorHolds(c, PpkPeers.PPK, true);
            PpkPeers.responderHolds(c, "other@example.org", PpkPeers.PPK, false);
        });
        PpkPeers.failedWith(t, NotifyType.AUTHENTICATION_FAILED);
        assertThat(t.b.log).anyMatch(l -> l.contains("no PPK for the peer's PPK_ID and no NO_PPK_AUTH"));
    }

    @Test
    void initiatorRequiringAPpkGivesUpWhenTheResponderHasNoPpkSupport() throws Exception {
        TwoPeers t = PpkPeers.run(false, c -> PpkPeers.initiatorHolds(c, PpkPeers.PPK, true));
        PpkPeers.failedWith(t, NotifyType.AUTHENTICATION_FAILED);
        assertThat(t.a.events(SaEvent.IkeSaFailed.class).getFirst().reason()).contains("no USE_PPK");
        assertThat(IntermediateExchangeTest.sent(t.a, ExchangeType.IKE_AUTH)).isEmpty();
    }

    @Test
    void responderRequiringAPpkRefusesAnInitiatorWithout() throws Exception {
        TwoPeers t = PpkPeers.run(false, c -> PpkPeers.responderHolds(c, PpkPeers.ID, PpkPeers.PPK, true));
        PpkPeers.failedWith(t, NotifyType.AUTHENTICATION_FAILED);
        assertThat(t.b.log).anyMatch(l -> l.contains("PPK required but the peer did not use one"));
    }

    @Test
    void responderRequiringAPpkRefusesTheNoPpkFallback() throws Exception {
        TwoPeers t = PpkPeers.run(false, c -> {
            PpkPeers.initiatorHolds(c, PpkPeers.PPK, false);
            PpkPeers.responderHolds(c, "other@example.org", PpkPeers.PPK, true);
        });
        PpkPeers.failedWith(t, NotifyType.AUTHENTICATION_FAILED);
        assertThat(t.b.log).anyMatch(l -> l.contains("ppk_required"));
    }

    @Test
    void differentPpksUnderOneIdFailAuthentication() throws Exception {
        TwoPeers t = PpkPeers.run(false, c -> {
            PpkPeers.initiatorHolds(c, PpkPeers.PPK, true);
            PpkPeers.responderHolds(c, PpkPeers.ID, "a different postquantum secret!", false);
        });
        PpkPeers.failedWith(t, NotifyType.AUTHENTICATION_FAILED);
        assertThat(t.b.log).anyMatch(l -> l.contains("PSK authentication of") && l.contains("failed"));
    }

    @Test
    void differentOptionalPpksFailRatherThanFallBack() throws Exception {
        // RFC 8784 3: a responder holding a PPK for the id uses it; NO_PPK_AUTH is only for a missing PPK
        TwoPeers t = PpkPeers.run(false, c -> {
            PpkPeers.initiatorHolds(c, PpkPeers.PPK, false);
            PpkPeers.responderHolds(c, PpkPeers.ID, "a different postquantum secret!", false);
        });
        PpkPeers.failedWith(t, NotifyType.AUTHENTICATION_FAILED);
    }
}
