package io.ike4j.core.exchange;

import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.payload.DeletePayload;
import io.ike4j.core.proposal.ProtocolId;
import io.ike4j.core.sa.ChildSa;
import io.ike4j.core.sa.ChildSaState;
import io.ike4j.core.sa.IkeSa;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Delete payloads (RFC 7296 1.4, 3.11): the IKE SA (no SPIs) or CHILD_SAs by the SPI the receiver uses inbound. */
public final class DeleteUnit {
    private DeleteUnit() {}

    public static DeletePayload ikeSa() {
        return new DeletePayload(ProtocolId.IKE.value(), 0, List.of());
    }

    /** Delete for our CHILD_SAs, named by our inbound SPIs (the peer's outbound). */
    public static DeletePayload children(List<Integer> inboundSpis) {
        return new DeletePayload(ProtocolId.ESP.value(), 4,
                inboundSpis.stream().map(s -> ByteBuffer.allocate(4).putInt(s).array()).toList());
    }

    public static boolean deletesIkeSa(IkeMessage m) {
        return m.all(DeletePayload.class).stream().anyMatch(d -> d.protocolId() == ProtocolId.IKE.value());
    }

    /** The CHILD_SAs a peer's Delete payloads name (by their inbound = our outbound SPI); unknown SPIs are ignored. */
    public static List<ChildSa> namedChildren(IkeSa sa, IkeMessage m) {
        List<ChildSa> out = new ArrayList<>();
        for (DeletePayload d : m.all(DeletePayload.class)) {
            if (d.protocolId() != ProtocolId.ESP.value() || d.spiSize() != 4) continue;
            for (byte[] spi : d.spis()) {
                sa.childByOutboundSpi(ByteBuffer.wrap(spi).getInt()).filter(c -> !out.contains(c)).ifPresent(out::add);
            }
        }
        return out;
    }

    /** Our answering Delete: the inbound SPIs of the named children we were not deleting ourselves (RFC 7296 1.4). */
    public static List<Integer> answerSpis(List<ChildSa> named) {
        return named.stream().filter(c -> c.state() != ChildSaState.DELETING).map(ChildSa::inboundSpi).toList();
    }
}
