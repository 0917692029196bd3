package io.ike4j.core.engine.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.DecodeResult;
import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.IkeMessageCodec;
import io.ike4j.core.codec.payload.DeletePayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.codec.payload.TrafficSelectorPayload;
import io.ike4j.core.codec.payload.TrafficSelectorSubstructure;
import io.ike4j.core.engine.EngineInput;
import io.ike4j.core.engine.EngineOutput;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for what the adversarial suite against a running daemon (ike4j-interop's
 * Ike4jAdversarialInteropTest) found behind SK, reproduced on the engine with known keys ({@link EnginePeers}).
 */
class ProtectedAdversarialFindingsTest {
    private static final IkeMessageCodec CODEC = new IkeMessageCodec();

    private static List<EngineOutput> deliver(EnginePeers p, byte[] datagram) {
        return p.responder.engine.handle(new EngineInput.DatagramReceived(EnginePeers.RESPONDER, EnginePeers.INITIATOR, datagram));
    }

    private static byte[] sealed(EnginePeers p, ExchangeType exchange, long mid, List<Payload> inner) {
        byte[] plain = CODEC.encodePayloads(inner);
        return EnginePeers.protect(p.responder.keys.getFirst(), exchange, false, mid, inner.isEmpty() ? 0 : inner.getFirst().payloadType(), plain);
    }

    /** CREATE_CHILD_SA before IKE_AUTH was answered TEMPORARY_FAILURE with no log line and the SA kept; now refused and dropped. */
    @Test
    void createChildSaBeforeIkeAuthIsRefusedAndTheHalfOpenSaDropped() {
        EnginePeers p = new EnginePeers();
        List<Payload> auth = legitAuth(p);
        assertThat(p.responder.engine.listSas()).hasSize(1);
        List<Payload> child = auth.stream().filter(x -> x instanceof io.ike4j.core.codec.payload.SecurityAssociationPayload
                || x instanceof TrafficSelectorPayload).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        child.add(1, new io.ike4j.core.codec.payload.NoncePayload(new byte[32], false));
        List<EngineOutput> out = deliver(p, sealed(p, ExchangeType.CREATE_CHILD_SA, 1, child));
        assertThat(out).filteredOn(EngineOutput.SendDatagram.class::isInstance).hasSize(1);
        assertThat(p.responder.log).anyMatch(l -> l.contains("CREATE_CHILD_SA request 1 before IKE_AUTH completed, sending INVALID_SYNTAX"));
        assertThat(p.responder.engine.listSas()).isEmpty();
    }

    /** An INFORMATIONAL deleting the IKE SA before IKE_AUTH was answered and ignored without a log line; now it deletes. */
    @Test
    void deleteBeforeIkeAuthRemovesTheHalfOpenSa() {
        EnginePeers p = new EnginePeers();
        p.halfOpen();
        List<EngineOutput> out = deliver(p, sealed(p, ExchangeType.INFORMATIONAL, 1, List.of(new DeletePayload(1, 0, List.of(), false))));
        assertThat(out).filteredOn(EngineOutput.SendDatagram.class::isInstance).hasSize(1);
        assertThat(p.responder.log).anyMatch(l -> l.contains("before IKE_AUTH completed: the peer deletes the IKE SA"));
        assertThat(p.responder.engine.listSas()).isEmpty();
    }

    /** An empty INFORMATIONAL before IKE_AUTH is answered (RFC 7296 2.21.2) and now explained in the log; the SA stays half-open. */
    @Test
    void emptyInformationalBeforeIkeAuthIsAnsweredAndLogged() {
        EnginePeers p = new EnginePeers();
        p.halfOpen();
        deliver(p, sealed(p, ExchangeType.INFORMATIONAL, 1, List.of()));
        assertThat(p.responder.log).anyMatch(l -> l.contains("INFORMATIONAL request 1 before IKE_AUTH completed: answered, nothing done"));
        assertThat(p.responder.engine.listSas()).hasSize(1);
    }

    /**
     * 255 selectors in TSi were accepted and became 255 routes, which kept the daemon busy for seconds before it
     * answered; now more than 32 per payload refuse the CHILD_SA (TS_UNACCEPTABLE), the IKE SA is established.
     */
    @Test
    void tooManyTrafficSelectorsRefuseTheChildSa() {
        EnginePeers p = new EnginePeers();
        List<Payload> ps = new ArrayList<>();
        for (Payload x : legitAuth(p)) {
            if (x instanceof TrafficSelectorPayload ts && ts.initiator()) {
                List<TrafficSelectorSubstructure> many = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    many.add(new TrafficSelectorSubstructure(7, 0, 0, 65535, new byte[] {10, 1, 1, (byte) i}, new byte[] {10, 1, 1, (byte) i}));
                }
                ps.add(new TrafficSelectorPayload(true, many, false));
            } else {
                ps.add(x);
            }
        }
        deliver(p, sealed(p, ExchangeType.IKE_AUTH, 1, ps));
        assertThat(p.responder.log).anyMatch(l -> l.contains("CHILD_SA failed: 40 TSi / 1 TSr selectors, more than 32 per payload"));
        assertThat(p.responder.engine.listSas()).singleElement().satisfies(sa -> {
            assertThat(sa.state()).isEqualTo("ESTABLISHED");
            assertThat(sa.children()).isEmpty();
        });
    }

    /** IKE_SA_INIT done; the inner payloads of the IKE_AUTH request the initiator made (not delivered). */
    private static List<Payload> legitAuth(EnginePeers p) {
        byte[] response = p.halfOpen().stream().filter(EngineOutput.SendDatagram.class::isInstance)
                .map(o -> ((EngineOutput.SendDatagram) o).data()).findFirst().orElseThrow();
        byte[] auth = p.initiator.engine.handle(new EngineInput.DatagramReceived(EnginePeers.INITIATOR, EnginePeers.RESPONDER, response))
                .stream().filter(EngineOutput.SendDatagram.class::isInstance).map(o -> ((EngineOutput.SendDatagram) o).data())
                .findFirst().orElseThrow();
        IkeMessage outer = ((DecodeResult.Decoded) CODEC.decode(auth)).message();
        return ((DecodeResult.Decoded) CODEC.decodeInner(outer, auth, p.responder.keys.getFirst().initiatorOut())).message().payloads();
    }
}
