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

/**
 * The shared set-up of the PPK tests ({@link PpkTest}: RFC 8784, {@link PpkIntermediateTest}: RFC 9867): who holds
 * which PPK under {@link #ID} and requires one, a run of one IKE SA from a to b, and the outcome checks.
 */
final class PpkPeers {
    static final String ID = "pqpsk@example.org";
    static final String PPK = "0123456789abcdef0123456789abcdef";
    static final String OTHER = "a different postquantum secret!";

    private PpkPeers() {}

    /** a (the initiator) uses {@link #ID}, holds {@code secret} under it (none if null), and may require a PPK. */
    static void initiatorHolds(Configs c, String secret, boolean required) {
        c.ppkIdA = ID;
        c.ppkRequiredA = required;
        c.ppksA = secret == null ? new String[][] {} : new String[][] {{ID, secret}};
    }

    /** b (the responder) holds {@code secret} under {@code id}, and may require a PPK. */
    static void responderHolds(Configs c, String id, String secret, boolean required) {
        c.ppkRequiredB = required;
        c.ppksB = new String[][] {{id, secret}};
    }

    /** Both hold {@link #PPK} under {@link #ID}; a uses it. */
    static void bothHold(Configs c, boolean requiredA, boolean requiredB) {
        initiatorHolds(c, PPK, requiredA);
        responderHolds(c, ID, PPK, requiredB);
    }

    /** a initiates one IKE SA with b; RFC 9867 (USE_PPK_INT) on both sides if {@code intermediate}, else RFC 8784 only. */
    static TwoPeers run(boolean intermediate, Consumer<Configs> setup) throws Exception {
        Configs c = new Configs();
        c.ppkIntA = c.ppkIntB = intermediate;
        setup.accept(c);
        TwoPeers t = c.peers();
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(2));
        return t;
    }

    /** The notify types in the first IKE_SA_INIT message {@code p} sent. */
    static List<Integer> initNotifies(TwoPeers.Peer p) {
        byte[] init = IntermediateExchangeTest.sent(p, ExchangeType.IKE_SA_INIT).getFirst();
        DecodeResult r = new IkeMessageCodec().decode(init);
        assertThat(r).isInstanceOf(DecodeResult.Decoded.class);
        return ((DecodeResult.Decoded) r).message().all(NotifyPayload.class).stream().map(NotifyPayload::notifyType).toList();
    }

    static void established(TwoPeers t) {
        assertThat(t.a.events(SaEvent.IkeSaFailed.class)).isEmpty();
        assertThat(t.b.events(SaEvent.IkeSaFailed.class)).isEmpty();
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(t.b.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        // the CHILD_SA keys come from SK_d: equal on both ends only if both mixed in the same PPK (or both did not)
        EstablishTest.assertKeysMatch(EstablishTest.installed(t.a), EstablishTest.installed(t.b));
    }

    /** Neither side established; a's IKE SA failed with {@code type}. */
    static void failedWith(TwoPeers t, NotifyType type) {
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).isEmpty();
        assertThat(t.b.events(SaEvent.IkeSaEstablished.class)).isEmpty();
        assertThat(t.a.events(SaEvent.IkeSaFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.notifyType()).isEqualTo(type.value()));
    }
}
