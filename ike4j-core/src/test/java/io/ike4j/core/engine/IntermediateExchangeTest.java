package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.DecodeResult;
import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeMessageCodec;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.sa.ChildSaSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 9242 IKE_INTERMEDIATE with RFC 9370 additional key exchanges, ike4j against ike4j. */
class IntermediateExchangeTest {

    private static TwoPeers establish(String ikeA, String ikeB) throws Exception {
        Configs c = new Configs();
        c.ike = ikeA;
        c.ikeB = ikeB;
        TwoPeers t = c.peers();
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(1));
        return t;
    }

    /** The datagrams a peer sent of one exchange type (byte 18 of the IKE header). */
    static List<byte[]> sent(TwoPeers.Peer p, ExchangeType ex) {
        return p.outputs(EngineOutput.SendDatagram.class).stream().map(EngineOutput.SendDatagram::data)
                .filter(d -> d.length > 18 && (d[18] & 0xff) == ex.value()).toList();
    }

    /** The distinct message IDs of those datagrams (fragments of one message count once). */
    static List<Long> messageIds(TwoPeers.Peer p, ExchangeType ex) {
        return sent(p, ex).stream().map(d -> java.nio.ByteBuffer.wrap(d, 20, 4).getInt() & 0xffffffffL).distinct().toList();
    }

    static boolean announcesIntermediate(TwoPeers.Peer p) {
        byte[] init = sent(p, ExchangeType.IKE_SA_INIT).getFirst();
        DecodeResult r = new IkeMessageCodec().decode(init);
        return r instanceof DecodeResult.Decoded d && d.message().all(NotifyPayload.class).stream()
                .anyMatch(n -> n.notifyType() == NotifyType.INTERMEDIATE_EXCHANGE_SUPPORTED.value());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "aes256gcm16-prfsha256-x25519-ke1_mlkem768,            1, ML_KEM_768",
        "aes256-sha384-ecp384-ke1_mlkem1024,                   1, ML_KEM_1024",
        "aes128gcm16-prfsha512-x25519-ke1_mlkem512-ke2_mlkem768, 2, ML_KEM_512",
        "aes128-sha256-mlkem768-ke1_ecp256-ke2_x25519,         2, ECP_256",
        "aes256gcm16-prfsha384-x25519-ke1_mlkem768-ke2_mlkem768, 2, ML_KEM_768",
    })
    void additionalKeyExchangesEstablishIkeAndChildSa(String ike, int exchanges, String firstAdditional) throws Exception {
        TwoPeers t = establish(ike, ike);
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).as("a established").hasSize(1);
        assertThat(t.b.events(SaEvent.IkeSaEstablished.class)).as("b established").hasSize(1);
        assertThat(t.a.events(SaEvent.IkeSaFailed.class)).isEmpty();
        assertThat(t.b.events(SaEvent.IkeSaFailed.class)).isEmpty();
        // one IKE_INTERMEDIATE request and one response per additional key exchange, then IKE_AUTH with message ID n+1
        // (ML-KEM-1024 messages exceed the fragment size: RFC 7383 fragments, IntAuth over the unfragmented message)
        List<Long> ids = java.util.stream.LongStream.rangeClosed(1, exchanges).boxed().toList();
        assertThat(messageIds(t.a, ExchangeType.IKE_INTERMEDIATE)).isEqualTo(ids);
        assertThat(messageIds(t.b, ExchangeType.IKE_INTERMEDIATE)).isEqualTo(ids);
        assertThat(messageIds(t.a, ExchangeType.IKE_AUTH)).containsExactly((long) exchanges + 1);
        assertThat(announcesIntermediate(t.a)).isTrue();
        assertThat(announcesIntermediate(t.b)).isTrue();
        assertThat(t.a.log).anyMatch(l -> l.contains("additional key exchange 1 of " + exchanges + ": " + firstAdditional));
        assertThat(t.a.log).anyMatch(l -> l.contains("additional key exchange " + exchanges + " of " + exchanges));
        ChildSaSpec a = EstablishTest.installed(t.a), b = EstablishTest.installed(t.b);
        EstablishTest.assertKeysMatch(a, b);
        // both ends agree on everything after the key updates: the IKE SA keeps working (an INFORMATIONAL round trip)
        long id = t.a.engine.listSas().getFirst().ikeSaId();
        t.input(t.a, new EngineInput.TerminateIke(id));
        t.run(Duration.ofSeconds(1));
        assertThat(t.a.engine.listSas()).isEmpty();
        assertThat(t.b.engine.listSas()).isEmpty();
    }

    @Test
    void lostIntermediateMessagesAreRetransmittedUnderTheKeysTheyWereSentWith() throws Exception {
        Configs c = new Configs();
        c.ike = "aes128gcm16-prfsha256-x25519-ke1_mlkem768-ke2_mlkem512";
        TwoPeers t = c.peers();
        // lose the first IKE_INTERMEDIATE response (the responder has already moved to the next keys) and the
        // second IKE_INTERMEDIATE request
        int[] responses = {0}, requests = {0};
        t.network = p -> {
            if (p.data().length > 18 && (p.data()[18] & 0xff) == ExchangeType.IKE_INTERMEDIATE.value()) {
                if (p.from() == t.b && responses[0]++ == 0) return List.of();
                if (p.from() == t.a && requests[0]++ == 2) return List.of(); // #0 mid 1, #1 its retransmit, #2 mid 2
            }
            return List.of(p);
        };
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        t.run(Duration.ofSeconds(60));
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(t.b.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(responses[0]).isGreaterThanOrEqualTo(2);
        assertThat(requests[0]).isGreaterThanOrEqualTo(4);
        EstablishTest.assertKeysMatch(EstablishTest.installed(t.a), EstablishTest.installed(t.b));
    }

    @Test
    void optionalAdditionalKeyExchangeDeclinedMeansNoIntermediateExchange() throws Exception {
        TwoPeers t = establish("aes256gcm16-prfsha256-x25519-ke1_mlkem768-ke1_none", "aes256gcm16-prfsha256-x25519-ke1_none");
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(t.b.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(sent(t.a, ExchangeType.IKE_INTERMEDIATE)).isEmpty();
        assertThat(sent(t.b, ExchangeType.IKE_INTERMEDIATE)).isEmpty();
        assertThat(announcesIntermediate(t.a)).isTrue();
        EstablishTest.assertKeysMatch(EstablishTest.installed(t.a), EstablishTest.installed(t.b));
    }

    @Test
    void responderWithoutAdditionalKeyExchangeAcceptsOptionalOne() throws Exception {
        TwoPeers t = establish("aes256gcm16-prfsha256-x25519-ke1_mlkem768-ke1_none", "aes256gcm16-prfsha256-x25519");
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(t.b.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(sent(t.a, ExchangeType.IKE_INTERMEDIATE)).isEmpty();
    }

    @Test
    void mandatoryAdditionalKeyExchangeNotSupportedByResponderFails() throws Exception {
        TwoPeers t = establish("aes256gcm16-prfsha256-x25519-ke1_mlkem768", "aes256gcm16-prfsha256-x25519");
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).isEmpty();
        assertThat(t.a.events(SaEvent.IkeSaFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.notifyType()).isEqualTo(NotifyType.NO_PROPOSAL_CHOSEN.value()));
    }

    @Test
    void withoutAdditionalKeyExchangesNothingIsAnnounced() throws Exception {
        TwoPeers t = establish("aes256gcm16-prfsha256-x25519", "aes256gcm16-prfsha256-x25519");
        assertThat(t.a.events(SaEvent.IkeSaEstablished.class)).hasSize(1);
        assertThat(announcesIntermediate(t.a)).isFalse();
        assertThat(announcesIntermediate(t.b)).isFalse();
    }
}
