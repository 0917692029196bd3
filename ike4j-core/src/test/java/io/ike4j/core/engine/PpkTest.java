package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.DecodeResult;
import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeMessageCodec;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.NotifyPayload;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * RFC 8784 postquantum preshared keys, ike4j against ike4j: the responder behaviour matrix of section 3. Both sides
 * keep to RFC 8784 here (RFC 9867 off, as with a peer that does not announce USE_PPK_INT); RFC 9867 is
 * {@link PpkIntermediateTest}.
 */
class PpkTest {
    private static final String ID = "pqpsk@example.org";
    private static final String PPK = "0123456789abcdef0123456789abcdef";

    private static TwoPeers run(Consumer<Configs> setup) throws Exception {
        Configs c = new Configs();
        c.ppkIntA = c.ppkIntB = false;
        setup.accept(c);
        TwoPeers t = c.peers();
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(2));
        return t;
    }

    private static boolean announcesUsePpk(TwoPeers.Peer p) {
        byte[] init = IntermediateExchangeTest.sent(p, ExchangeType.IKE_SA_INIT).getFirst();
        return new IkeMessageCodec().decode(init) instanceof DecodeResult.Decoded d && d.message().all(NotifyPayload.class)
                .stream().anyMatch(n -> n.notifyType() == NotifyType.USE_PPK.value());
    }

    private static void established(TwoPeers t) {
        assertThat(t.a.events(SaEvent.IkeSaFailed.class)).isEmpty();
        assertThat(t.b.events(SaEvent.IkeSaFailed.class)).isEmpty();
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(t.b.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        // the CHILD_SA keys come from SK_d: equal on both ends only if both mixed in the same PPK (or both did not)
        EstablishTest.assertKeysMatch(EstablishTest.installed(t.a), EstablishTest.installed(t.b));
    }

    private static void authenticationFailed(TwoPeers t) {
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).isEmpty();
        assertThat(t.b.events(SaEvent.IkeSaEstablished.class)).isEmpty();
        assertThat(t.a.events(SaEvent.IkeSaFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.notifyType()).isEqualTo(NotifyType.AUTHENTICATION_FAILED.value()));
    }

    @Test
    void requiredOnBothSidesUsesThePpk() throws Exception {
        TwoPeers t = run(c -> {
            c.ppkIdA = ID;
            c.ppkRequiredA = c.ppkRequiredB = true;
            c.ppksA = c.ppksB = new String[][] {{ID, PPK}};
        });
        established(t);
        assertThat(announcesUsePpk(t.a)).isTrue();
        assertThat(announcesUsePpk(t.b)).isTrue();
        assertThat(t.a.log).anyMatch(l -> l.contains("using PPK " + ID + " (required)"));
        assertThat(t.b.log).anyMatch(l -> l.contains("using PPK for the peer's PPK_ID"));
    }

    @Test
    void optionalPpkIsUsedWhenBothHoldIt() throws Exception {
        TwoPeers t = run(c -> {
            c.ppkIdA = ID;
            c.ppksA = c.ppksB = new String[][] {{ID, PPK}};
        });
        established(t);
        assertThat(t.b.log).anyMatch(l -> l.contains("using PPK for the peer's PPK_ID"));
        assertThat(t.b.log).noneMatch(l -> l.contains("NO_PPK_AUTH"));
    }

    @Test
    void responderWithoutThatPpkFallsBackToNoPpkAuth() throws Exception {
        TwoPeers t = run(c -> {
            c.ppkIdA = ID;
            c.ppksA = new String[][] {{ID, PPK}};
            c.ppksB = new String[][] {{"other@example.org", PPK}}; // supports PPK, but not this PPK_ID
        });
        established(t);
        assertThat(announcesUsePpk(t.b)).isTrue();
        assertThat(t.b.log).anyMatch(l -> l.contains("authenticating with NO_PPK_AUTH"));
    }

    @Test
    void responderWithoutPpkSupportIsNotAskedForOne() throws Exception {
        TwoPeers t = run(c -> {
            c.ppkIdA = ID;
            c.ppksA = new String[][] {{ID, PPK}};
        });
        established(t);
        assertThat(announcesUsePpk(t.a)).isTrue();
        assertThat(announcesUsePpk(t.b)).isFalse();
        assertThat(t.a.log).noneMatch(l -> l.contains("using PPK"));
    }

    @Test
    void initiatorRequiringAPpkTheResponderLacksIsRefused() throws Exception {
        TwoPeers t = run(c -> {
            c.ppkIdA = ID;
            c.ppkRequiredA = true;
            c.ppksA = new String[][] {{ID, PPK}};
            c.ppksB = new String[][] {{"other@example.org", PPK}};
        });
        authenticationFailed(t);
        assertThat(t.b.log).anyMatch(l -> l.contains("no PPK for the peer's PPK_ID and no NO_PPK_AUTH"));
    }

    @Test
    void initiatorRequiringAPpkGivesUpWhenTheResponderHasNoPpkSupport() throws Exception {
        TwoPeers t = run(c -> {
            c.ppkIdA = ID;
            c.ppkRequiredA = true;
            c.ppksA = new String[][] {{ID, PPK}};
        });
        authenticationFailed(t);
        assertThat(t.a.events(SaEvent.IkeSaFailed.class).getFirst().reason()).contains("no USE_PPK");
        assertThat(IntermediateExchangeTest.sent(t.a, ExchangeType.IKE_AUTH)).isEmpty();
    }

    @Test
    void responderRequiringAPpkRefusesAnInitiatorWithout() throws Exception {
        TwoPeers t = run(c -> {
            c.ppkRequiredB = true;
            c.ppksB = new String[][] {{ID, PPK}};
        });
        authenticationFailed(t);
        assertThat(t.b.log).anyMatch(l -> l.contains("PPK required but the peer did not use one"));
    }

    @Test
    void responderRequiringAPpkRefusesTheNoPpkFallback() throws Exception {
        TwoPeers t = run(c -> {
            c.ppkIdA = ID;
            c.ppksA = new String[][] {{ID, PPK}};
            c.ppkRequiredB = true;
            c.ppksB = new String[][] {{"other@example.org", PPK}};
        });
        authenticationFailed(t);
        assertThat(t.b.log).anyMatch(l -> l.contains("ppk_required"));
    }

    @Test
    void differentPpksUnderOneIdFailAuthentication() throws Exception {
        TwoPeers t = run(c -> {
            c.ppkIdA = ID;
            c.ppkRequiredA = true;
            c.ppksA = new String[][] {{ID, PPK}};
            c.ppksB = new String[][] {{ID, "a different postquantum secret!"}};
        });
        authenticationFailed(t);
        assertThat(t.b.log).anyMatch(l -> l.contains("PSK authentication of") && l.contains("failed"));
    }

    @Test
    void differentOptionalPpksFailRatherThanFallBack() throws Exception {
        // RFC 8784 3: a responder holding a PPK for the id uses it; NO_PPK_AUTH is only for a missing PPK
        TwoPeers t = run(c -> {
            c.ppkIdA = ID;
            c.ppksA = new String[][] {{ID, PPK}};
            c.ppksB = new String[][] {{ID, "a different postquantum secret!"}};
        });
        authenticationFailed(t);
    }
}
