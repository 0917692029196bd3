package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.DecodeResult;
import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeMessageCodec;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.NotifyPayload;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * RFC 9867 (the PPK agreed in IKE_INTERMEDIATE, protecting the IKE SA itself), ike4j against ike4j, deterministic
 * in-process: success with and without additional key exchanges, wrong PPKs, ppk_required against peers without
 * support, and the fallback to RFC 8784 when the peer does not announce USE_PPK_INT.
 */
class PpkIntermediateTest {
    private static final String ID = "pqpsk@example.org";
    private static final String PPK = "0123456789abcdef0123456789abcdef";
    private static final String OTHER = "a different postquantum secret!";

    private static TwoPeers run(Consumer<Configs> setup) throws Exception {
        Configs c = new Configs();
        setup.accept(c);
        TwoPeers t = c.peers();
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(2));
        return t;
    }

    /** The notify types in the first IKE_SA_INIT message {@code p} sent. */
    private static List<Integer> initNotifies(TwoPeers.Peer p) {
        byte[] init = IntermediateExchangeTest.sent(p, ExchangeType.IKE_SA_INIT).getFirst();
        DecodeResult r = new IkeMessageCodec().decode(init);
        assertThat(r).isInstanceOf(DecodeResult.Decoded.class);
        return ((DecodeResult.Decoded) r).message().all(NotifyPayload.class).stream().map(NotifyPayload::notifyType).toList();
    }

    private static int intermediates(TwoPeers.Peer p) {
        return IntermediateExchangeTest.messageIds(p, ExchangeType.IKE_INTERMEDIATE).size();
    }

    private static void established(TwoPeers t) {
        assertThat(t.a.events(SaEvent.IkeSaFailed.class)).isEmpty();
        assertThat(t.b.events(SaEvent.IkeSaFailed.class)).isEmpty();
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(t.b.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        // CHILD_SA keys come from SK_d: equal on both ends only if both mixed in the same PPK (or both did not)
        EstablishTest.assertKeysMatch(EstablishTest.installed(t.a), EstablishTest.installed(t.b));
    }

    private static void failedWith(TwoPeers t, NotifyType type) {
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).isEmpty();
        assertThat(t.b.events(SaEvent.IkeSaEstablished.class)).isEmpty();
        assertThat(t.a.events(SaEvent.IkeSaFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.notifyType()).isEqualTo(type.value()));
    }

    @Test
    void bothSupportingItAgreeThePpkInIkeIntermediate() throws Exception {
        TwoPeers t = run(c -> {
            c.ppkIdA = ID;
            c.ppkRequiredA = c.ppkRequiredB = true;
            c.ppksA = c.ppksB = new String[][] {{ID, PPK}};
        });
        established(t);
        assertThat(initNotifies(t.a)).contains(NotifyType.USE_PPK_INT.value(), NotifyType.USE_PPK.value(),
                NotifyType.INTERMEDIATE_EXCHANGE_SUPPORTED.value());
        // RFC 9867 3: the responder answers USE_PPK_INT instead of USE_PPK
        assertThat(initNotifies(t.b)).contains(NotifyType.USE_PPK_INT.value()).doesNotContain(NotifyType.USE_PPK.value());
        assertThat(intermediates(t.a)).isEqualTo(1);
        assertThat(t.a.log).anyMatch(l -> l.contains("using PPK " + ID + " in IKE_INTERMEDIATE"));
        assertThat(t.b.log).anyMatch(l -> l.contains("using PPK for the peer's PPK_ID in IKE_INTERMEDIATE"));
        assertThat(t.b.log).noneMatch(l -> l.contains("NO_PPK_AUTH"));
    }

    @Test
    void thePpkTravelsWithTheLastAdditionalKeyExchange() throws Exception {
        TwoPeers t = run(c -> {
            c.ike = "aes256gcm16-prfsha384-x25519-ke1_mlkem512-ke2_mlkem768";
            c.ppkIdA = ID;
            c.ppkRequiredB = true;
            c.ppksA = c.ppksB = new String[][] {{ID, PPK}};
        });
        established(t);
        // RFC 9867 3.1, 3.2.1: PPK_IDENTITY_KEY in the last IKE_INTERMEDIATE, applied after that exchange's KE update
        assertThat(intermediates(t.a)).isEqualTo(2);
        assertThat(indexOf(t.a.log, "offering PPK")).isGreaterThan(indexOf(t.a.log, "additional key exchange 1 of 2"));
        assertThat(indexOf(t.a.log, "using PPK " + ID)).isGreaterThan(indexOf(t.a.log, "additional key exchange 2 of 2"));
        assertThat(t.a.log).anyMatch(l -> l.contains("using PPK " + ID + " in IKE_INTERMEDIATE"));
        assertThat(t.b.log).anyMatch(l -> l.contains("using PPK for the peer's PPK_ID in IKE_INTERMEDIATE"));
    }

    @Test
    void wrongPpkWithAnAdditionalKeyExchangeIsRefusedWhenRequired() throws Exception {
        TwoPeers t = run(c -> {
            c.ike = "aes256gcm16-prfsha256-x25519-ke1_mlkem768";
            c.ppkIdA = ID;
            c.ppksA = new String[][] {{ID, PPK}};
            c.ppkRequiredB = true;
            c.ppksB = new String[][] {{ID, OTHER}};
        });
        failedWith(t, NotifyType.AUTHENTICATION_FAILED);
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
        TwoPeers t = run(c -> {
            c.ppkIdA = ID;
            c.ppksA = new String[][] {{ID, PPK}};
            c.ppksB = new String[][] {{ID, OTHER}}; // same PPK_ID, different key: the confirmation does not match
        });
        established(t);
        assertThat(t.b.log).anyMatch(l -> l.contains("PPK confirmation mismatch"));
        assertThat(t.a.log).anyMatch(l -> l.contains("peer has no matching PPK, continuing without PPK"));
    }

    @Test
    void wrongPpkIsRefusedWithAuthenticationFailedWhenTheResponderRequiresOne() throws Exception {
        TwoPeers t = run(c -> {
            c.ppkIdA = ID;
            c.ppksA = new String[][] {{ID, PPK}};
            c.ppkRequiredB = true;
            c.ppksB = new String[][] {{ID, OTHER}};
        });
        failedWith(t, NotifyType.AUTHENTICATION_FAILED);
        assertThat(t.b.log).anyMatch(l -> l.contains("ppk_required"));
        assertThat(IntermediateExchangeTest.sent(t.a, ExchangeType.IKE_AUTH)).isEmpty();
    }

    @Test
    void wrongPpkFailsAnInitiatorThatRequiresOne() throws Exception {
        TwoPeers t = run(c -> {
            c.ppkIdA = ID;
            c.ppkRequiredA = true;
            c.ppksA = new String[][] {{ID, PPK}};
            c.ppksB = new String[][] {{ID, OTHER}};
        });
        failedWith(t, NotifyType.AUTHENTICATION_FAILED);
        assertThat(t.a.events(SaEvent.IkeSaFailed.class).getFirst().reason()).contains("no PPK_IDENTITY");
        assertThat(IntermediateExchangeTest.sent(t.a, ExchangeType.IKE_AUTH)).isEmpty();
    }

    @Test
    void responderRequiringAPpkRefusesAnInitiatorWithoutPpkSupport() throws Exception {
        TwoPeers t = run(c -> {
            c.ppkRequiredB = true;
            c.ppksB = new String[][] {{ID, PPK}};
        });
        failedWith(t, NotifyType.AUTHENTICATION_FAILED);
        assertThat(initNotifies(t.a)).doesNotContain(NotifyType.USE_PPK_INT.value(), NotifyType.USE_PPK.value());
        assertThat(t.b.log).anyMatch(l -> l.contains("PPK required but the peer did not use one"));
    }

    @Test
    void responderRequiringAPpkRefusesAnInitiatorThatSkipsThePpkExchange() throws Exception {
        TwoPeers t = run(c -> {
            c.ppkIdA = ID; // offers USE_PPK_INT but holds no PPK for its ppk_id, and does not require one
            c.ppkRequiredB = true;
            c.ppksB = new String[][] {{ID, PPK}};
        });
        failedWith(t, NotifyType.AUTHENTICATION_FAILED);
        assertThat(intermediates(t.a)).isZero();
        assertThat(t.b.log).anyMatch(l -> l.contains("none was agreed in IKE_INTERMEDIATE"));
    }

    @Test
    void initiatorRequiringAPpkGivesUpWhenTheResponderHasNoPpkSupport() throws Exception {
        TwoPeers t = run(c -> {
            c.ppkIdA = ID;
            c.ppkRequiredA = true;
            c.ppksA = new String[][] {{ID, PPK}};
        });
        failedWith(t, NotifyType.AUTHENTICATION_FAILED);
        assertThat(initNotifies(t.b)).doesNotContain(NotifyType.USE_PPK_INT.value(), NotifyType.USE_PPK.value());
        assertThat(IntermediateExchangeTest.sent(t.a, ExchangeType.IKE_AUTH)).isEmpty();
    }

    @Test
    void responderWithoutRfc9867FallsBackToRfc8784() throws Exception {
        TwoPeers t = run(c -> {
            c.ppkIdA = ID;
            c.ppkRequiredA = true;
            c.ppksA = c.ppksB = new String[][] {{ID, PPK}};
            c.ppkIntB = false; // like strongSwan 6.1: USE_PPK only
        });
        established(t);
        assertThat(initNotifies(t.b)).contains(NotifyType.USE_PPK.value()).doesNotContain(NotifyType.USE_PPK_INT.value());
        assertThat(intermediates(t.a)).isZero();
        assertThat(t.a.log).anyMatch(l -> l.contains("using PPK " + ID + " (required)"));
        assertThat(t.b.log).anyMatch(l -> l.contains("using PPK for the peer's PPK_ID"));
    }

    @Test
    void initiatorWithoutRfc9867GetsRfc8784FromAResponderWithIt() throws Exception {
        TwoPeers t = run(c -> {
            c.ppkIdA = ID;
            c.ppksA = c.ppksB = new String[][] {{ID, PPK}};
            c.ppkIntA = false;
        });
        established(t);
        assertThat(initNotifies(t.a)).doesNotContain(NotifyType.USE_PPK_INT.value());
        assertThat(initNotifies(t.b)).contains(NotifyType.USE_PPK.value()).doesNotContain(NotifyType.USE_PPK_INT.value());
        assertThat(intermediates(t.a)).isZero();
        assertThat(t.b.log).anyMatch(l -> l.contains("using PPK for the peer's PPK_ID") && !l.contains("IKE_INTERMEDIATE"));
    }
}
