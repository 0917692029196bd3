package io.ike4j.core.engine.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.DecodeResult;
import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeHeader;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.NoncePayload;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.engine.EngineInput;
import io.ike4j.core.engine.EngineOutput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Malformed REDIRECT notifies (RFC 5685 9: GW Ident Type, GW Ident Len, identity [, nonce]) received by an ike4j
 * initiator, in each place a gateway may send one (IKE_SA_INIT response, IKE_AUTH response, INFORMATIONAL request)
 * and in one where none belongs (CREATE_CHILD_SA). A malformed one is not followed and nothing breaks: the IKE_SA_INIT
 * goes on with the real gateway's answer (an unauthenticated bogus response is ignored, as a REDIRECT with a wrong
 * nonce is, RFC 5685 4.2; found here: it failed the IKE SA with "no SA"), the IKE_AUTH establishes, an established SA answers and stays.
 */
class InsiderRedirectTest {
    /** The malformed GW identities (without the nonce, appended where the exchange needs it). */
    static Stream<byte[]> malformed() {
        byte[] long255 = new byte[2 + 255];
        long255[0] = 3;
        long255[1] = (byte) 255;
        Arrays.fill(long255, 2, long255.length, (byte) 'a');
        long255[200] = 0x07; // a control character in the FQDN
        return Stream.of(new byte[0], new byte[] {1}, new byte[] {1, 0}, new byte[] {7, 4, (byte) 192, 0, 2, 9},
                new byte[] {1, 5, (byte) 192, 0, 2, 9, 1}, new byte[] {2, 4, (byte) 192, 0, 2, 9}, new byte[] {1, (byte) 200, (byte) 192, 0, 2, 9},
                new byte[] {3, 0}, new byte[] {0, 4, (byte) 192, 0, 2, 9}, long255);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static final byte[] GOOD = {1, 4, (byte) 192, 0, 2, 9};

    private static List<EngineOutput> toInitiator(EnginePeers p, byte[] d) {
        return p.initiator.engine.handle(new EngineInput.DatagramReceived(EnginePeers.INITIATOR, EnginePeers.RESPONDER, d));
    }

    private static List<EngineOutput> toResponder(EnginePeers p, byte[] d) {
        return p.responder.engine.handle(new EngineInput.DatagramReceived(EnginePeers.RESPONDER, EnginePeers.INITIATOR, d));
    }

    private static byte[] datagram(List<EngineOutput> out) {
        return out.stream().filter(EngineOutput.SendDatagram.class::isInstance).map(o -> ((EngineOutput.SendDatagram) o).data())
                .findFirst().orElse(null);
    }

    private static boolean followed(EnginePeers p) {
        return p.initiator.log.stream().anyMatch(l -> l.contains("redirected from"));
    }

    /** The initiator's IKE_SA_INIT answered first by a forged REDIRECT with {@code gw} (+ the right nonce). */
    private static List<EngineOutput> forgedInitRedirect(EnginePeers p, byte[] request, byte[] gw) {
        IkeMessage req = Insider.decode(request).orElseThrow();
        byte[] ni = req.first(NoncePayload.class).orElseThrow().nonce();
        IkeHeader h = IkeHeader.of(req.header().initiatorSpi(), 0, ExchangeType.IKE_SA_INIT, false, true, 0);
        return toInitiator(p, Insider.CODEC.encode(new IkeMessage(h, List.of(NotifyPayload.of(NotifyType.REDIRECT, concat(gw, ni))))));
    }

    @Test
    void aWellFormedRedirectInIkeSaInitIsFollowed() {
        EnginePeers p = new EnginePeers();
        byte[] request = datagram(p.initiator.engine.handle(new EngineInput.Initiate("gw", "net")));
        List<EngineOutput> out = forgedInitRedirect(p, request, GOOD);
        assertThat(followed(p)).as("the crafted message reaches the redirect code: " + p.initiator.log).isTrue();
        assertThat(out).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void aMalformedRedirectInIkeSaInitIsIgnoredAndTheRealAnswerCompletes(byte[] gw) {
        EnginePeers p = new EnginePeers();
        byte[] request = datagram(p.initiator.engine.handle(new EngineInput.Initiate("gw", "net")));
        forgedInitRedirect(p, request, gw);
        assertThat(followed(p)).isFalse();
        assertThat(p.initiator.log).anyMatch(l -> l.contains("ignoring malformed REDIRECT in the IKE_SA_INIT response"));
        byte[] auth = datagram(toInitiator(p, datagram(toResponder(p, request)))); // the real gateway's answer
        assertThat(auth).as("IKE_AUTH follows: " + p.initiator.log).isNotNull();
        toInitiator(p, datagram(toResponder(p, auth)));
        assertThat(p.initiator.engine.listSas()).singleElement().satisfies(s -> assertThat(s.state()).isEqualTo("ESTABLISHED"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void aMalformedRedirectInTheIkeAuthResponseIsIgnored(byte[] gw) {
        EnginePeers p = new EnginePeers();
        byte[] request = datagram(p.initiator.engine.handle(new EngineInput.Initiate("gw", "net")));
        byte[] auth = datagram(toInitiator(p, datagram(toResponder(p, request))));
        byte[] answer = datagram(toResponder(p, auth));
        EnginePeers.Keys k = p.responder.keys.getFirst();
        IkeMessage outer = Insider.decode(answer).orElseThrow();
        List<Payload> inner = new ArrayList<>(((DecodeResult.Decoded) Insider.CODEC.decodeInner(outer, answer, k.responderOut())).message().payloads());
        inner.add(NotifyPayload.of(NotifyType.REDIRECT, gw));
        toInitiator(p, EnginePeers.protect(k, false, ExchangeType.IKE_AUTH, true, 1, inner.getFirst().payloadType(),
                Insider.CODEC.encodePayloads(inner)));
        assertThat(followed(p)).isFalse();
        assertThat(p.initiator.engine.listSas()).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo("ESTABLISHED");
            assertThat(s.children()).hasSize(1);
        });
    }

    @Test
    void aWellFormedRedirectOfTheEstablishedSaIsFollowed() {
        Insider in = Insider.established(new EnginePeers());
        assertThat(in.toInitiator(ExchangeType.INFORMATIONAL, 0, List.of(NotifyPayload.of(NotifyType.REDIRECT, GOOD)))).isPresent();
        assertThat(followed(in.peers)).as("the crafted message reaches the redirect code").isTrue();
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void aMalformedRedirectOfTheEstablishedSaIsAnsweredAndIgnored(byte[] gw) {
        Insider in = Insider.established(new EnginePeers());
        assertThat(in.toInitiator(ExchangeType.INFORMATIONAL, 0, List.of(NotifyPayload.of(NotifyType.REDIRECT, gw))))
                .hasValueSatisfying(m -> assertThat(m.payloads()).isEmpty());
        assertThat(followed(in.peers)).isFalse();
        assertThat(in.toInitiator(ExchangeType.INFORMATIONAL, 1, List.of())).isPresent(); // still answers
        assertThat(in.peers.initiator.engine.listSas()).singleElement().satisfies(s -> assertThat(s.state()).isEqualTo("ESTABLISHED"));
    }

    @Test
    void aRedirectInCreateChildSaIsNotFollowed() {
        Insider in = Insider.established(new EnginePeers());
        List<Payload> request = new ArrayList<>(in.ikeRekey());
        request.add(NotifyPayload.of(NotifyType.REDIRECT, GOOD));
        assertThat(in.toInitiator(ExchangeType.CREATE_CHILD_SA, 0, request)).isPresent();
        assertThat(followed(in.peers)).isFalse();
        assertThat(in.peers.initiator.engine.listSas()).singleElement().satisfies(s -> assertThat(s.state()).isEqualTo("ESTABLISHED"));
    }

    @Test
    void aRedirectInAnInformationalResponseIsNotFollowed() {
        Insider in = Insider.established(new EnginePeers());
        byte[] d = EnginePeers.protect(in.keys, false, ExchangeType.INFORMATIONAL, true, 2, NotifyPayload.of(NotifyType.REDIRECT, GOOD)
                .payloadType(), Insider.CODEC.encodePayloads(List.of(NotifyPayload.of(NotifyType.REDIRECT, GOOD))));
        toInitiator(in.peers, d); // a response to nothing we asked
        assertThat(followed(in.peers)).isFalse();
        assertThat(in.peers.initiator.engine.listSas()).singleElement().satisfies(s -> assertThat(s.state()).isEqualTo("ESTABLISHED"));
    }
}
