package io.ike4j.core.engine.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.codec.payload.SecurityAssociationPayload;
import io.ike4j.core.config.Credentials;
import io.ike4j.core.config.SharedSecret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PPK_IDENTITY (RFC 8784 3) and PPK_IDENTITY_KEY (RFC 9867 3.1) arriving on an IKE SA whose PPK is already
 * negotiated, where neither belongs (INFORMATIONAL, CREATE_CHILD_SA for a CHILD_SA or an IKE SA rekey; ike4j does
 * not implement RFC 9867's PPK in CREATE_CHILD_SA): ignored, the request handled as without them, the SA unchanged.
 * Both over RFC 8784 (IKE_AUTH) and RFC 9867 (IKE_INTERMEDIATE).
 */
class InsiderPpkTest {
    private static final String ID = "pqpsk@example.org";
    private static final String PPK = "0123456789abcdef0123456789abcdef";

    static Stream<Arguments> cases() {
        byte[] fixed = ("\u0002" + ID).getBytes(StandardCharsets.US_ASCII);
        byte[] withConfirmation = java.util.Arrays.copyOf(fixed, fixed.length + 8);
        List<Arguments> a = new ArrayList<>();
        for (boolean intermediate : new boolean[] {false, true}) {
            for (var n : List.of(NotifyPayload.of(NotifyType.PPK_IDENTITY, fixed), NotifyPayload.of(NotifyType.PPK_IDENTITY_KEY, withConfirmation),
                    NotifyPayload.of(NotifyType.PPK_IDENTITY, new byte[0]), NotifyPayload.of(NotifyType.PPK_IDENTITY_KEY, new byte[] {9, 1}),
                    NotifyPayload.of(NotifyType.USE_PPK, new byte[0]), NotifyPayload.of(NotifyType.NO_PPK_AUTH, new byte[40]))) {
                a.add(Arguments.of(intermediate, n));
            }
        }
        return a.stream();
    }

    private static Insider ppkNegotiated(boolean intermediate) {
        Credentials ppks = Credentials.builder().ppk(SharedSecret.of(PPK, ID)).build();
        EnginePeers p = new EnginePeers(EnginePeers.initiatorConfig(c -> c.ppk(ID, true).ppkIntermediate(intermediate), ppks),
                EnginePeers.responderConfig(c -> c.ppk(null, true).ppkIntermediate(intermediate), ppks));
        Insider in = Insider.established(p);
        assertThat(p.responder.log).as("PPK in use").anyMatch(l -> l.contains("using PPK"));
        return in;
    }

    private static String name(NotifyPayload n) {
        return NotifyType.of(n.notifyType()).map(Enum::name).orElse("?") + "(" + n.data().length + " octets)";
    }

    private static void unchanged(Insider in, long nextId) {
        assertThat(in.toResponder(ExchangeType.INFORMATIONAL, nextId, List.of())).as("liveness with the same keys")
                .hasValueSatisfying(m -> assertThat(m.payloads()).isEmpty());
        assertThat(in.peers.responder.engine.listSas()).singleElement().satisfies(s -> assertThat(s.state()).isEqualTo("ESTABLISHED"));
        assertThat(in.peers.responder.log).noneMatch(l -> l.contains("Exception"));
    }

    @ParameterizedTest(name = "intermediate={0} {1}")
    @MethodSource("cases")
    void inAnInformationalRequestItIsIgnored(boolean intermediate, NotifyPayload n) {
        Insider in = ppkNegotiated(intermediate);
        assertThat(in.toResponder(ExchangeType.INFORMATIONAL, in.firstId, List.of(n))).as(name(n)).hasValueSatisfying(m ->
                assertThat(Insider.notifies(m)).doesNotContain(NotifyType.INVALID_SYNTAX.value(), NotifyType.AUTHENTICATION_FAILED.value()));
        unchanged(in, in.firstId + 1);
        assertThat(in.toInitiator(ExchangeType.INFORMATIONAL, 0, List.of(n))).as("to the initiator: " + name(n)).isPresent();
        assertThat(in.peers.initiator.engine.listSas()).singleElement().satisfies(s -> assertThat(s.state()).isEqualTo("ESTABLISHED"));
    }

    @ParameterizedTest(name = "intermediate={0} {1}")
    @MethodSource("cases")
    void inACreateChildSaForAChildItIsIgnored(boolean intermediate, NotifyPayload n) {
        Insider in = ppkNegotiated(intermediate);
        List<Payload> request = new ArrayList<>(in.newChild());
        request.add(n);
        IkeMessage answer = in.toResponder(ExchangeType.CREATE_CHILD_SA, in.firstId, request).orElseThrow();
        assertThat(answer.first(SecurityAssociationPayload.class)).as(name(n) + ": " + Insider.notifies(answer)).isPresent();
        assertThat(in.peers.responder.engine.listSas().getFirst().children()).hasSize(2);
        unchanged(in, in.firstId + 1);
    }

    @ParameterizedTest(name = "intermediate={0} {1}")
    @MethodSource("cases")
    void inAnIkeSaRekeyItIsIgnored(boolean intermediate, NotifyPayload n) {
        Insider in = ppkNegotiated(intermediate);
        List<Payload> request = new ArrayList<>(in.ikeRekey());
        request.add(n);
        IkeMessage answer = in.toResponder(ExchangeType.CREATE_CHILD_SA, in.firstId, request).orElseThrow();
        assertThat(answer.first(SecurityAssociationPayload.class)).as(name(n) + ": " + Insider.notifies(answer)).isPresent();
        assertThat(in.peers.responder.engine.listSas()).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo("ESTABLISHED");
            assertThat(s.initiatorSpi()).isNotEqualTo(in.keys.spiI());
            assertThat(s.children()).hasSize(1);
        });
    }
}
