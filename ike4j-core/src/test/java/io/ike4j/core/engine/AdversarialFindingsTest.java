package io.ike4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ike4j.core.codec.DecodeResult;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.IkeMessageCodec;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.codec.payload.ProposalSubstructure;
import io.ike4j.core.codec.payload.SecurityAssociationPayload;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for what the adversarial suite against a running daemon (ike4j-interop's
 * Ike4jAdversarialInteropTest, issue 7 item 2) found, reproduced on the engine alone.
 */
class AdversarialFindingsTest {
    private static final IkeMessageCodec CODEC = new IkeMessageCodec();

    private static List<EngineOutput> deliver(TwoPeers t, byte[] data) {
        return t.b.engine.handle(new EngineInput.DatagramReceived(t.b.address, t.a.address, data));
    }

    private static IkeMessage decode(byte[] d) {
        return ((DecodeResult.Decoded) CODEC.decode(d)).message();
    }

    private static byte[] saInit(TwoPeers t) throws Exception {
        t.input(t.a, new EngineInput.Initiate("gw", "net"));
        return t.a.outputs(EngineOutput.SendDatagram.class).getFirst().data();
    }

    /** RFC 7296 3.3.1: the SPI Size of an initial IKE_SA_INIT proposal MUST be zero; one with an SPI was accepted. */
    @Test
    void initialIkeProposalWithAnSpiIsUnacceptable() throws Exception {
        TwoPeers t = new Configs().peers();
        IkeMessage m = decode(saInit(t));
        List<Payload> ps = m.payloads().stream().map(p -> p instanceof SecurityAssociationPayload sa
                ? (Payload) new SecurityAssociationPayload(sa.proposals().stream()
                        .map(x -> new ProposalSubstructure(x.number(), x.protocolId(), new byte[8], x.transforms())).toList(), false)
                : p).toList();
        List<EngineOutput> out = deliver(t, CODEC.encode(new IkeMessage(m.header(), ps)));
        assertThat(out).singleElement().isInstanceOf(EngineOutput.SendDatagram.class);
        IkeMessage answer = decode(((EngineOutput.SendDatagram) out.getFirst()).data());
        assertThat(answer.all(NotifyPayload.class)).extracting(NotifyPayload::notifyType)
                .containsExactly(NotifyType.NO_PROPOSAL_CHOSEN.value());
        assertThat(t.b.engine.listSas()).isEmpty();
        assertThat(t.b.log).anyMatch(l -> l.contains("no acceptable proposal"));
    }

    /** A datagram too short for an IKE header was dropped without a word in the log; now one line explains it. */
    @Test
    void datagramShorterThanAHeaderIsDroppedWithALogLine() throws Exception {
        TwoPeers t = new Configs().peers();
        assertThat(deliver(t, new byte[0])).isEmpty();
        assertThat(deliver(t, new byte[27])).isEmpty();
        assertThat(t.b.log).anyMatch(l -> l.contains("dropped 0-byte datagram") && l.contains("shorter than an IKE header"))
                .anyMatch(l -> l.contains("dropped 27-byte datagram"));
        assertThat(t.b.engine.listSas()).isEmpty();
    }
}
