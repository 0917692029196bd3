package io.ike4j.core.exchange;

import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.payload.DeletePayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.proposal.ProtocolId;
import io.ike4j.core.sa.ChildSa;
import io.ike4j.core.sa.ChildSaState;
import io.ike4j.core.sa.IkeSa;
import io.ike4j.core.sa.IkeSaState;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** INFORMATIONAL (RFC 7296 1.4, 1.5): Delete of IKE and CHILD SAs (DeleteUnit) and liveness checks (LivenessUnit). */
public final class InformationalExchange {
    private InformationalExchange() {}

    /** Initiator: starts the next queued task if the window is free. */
    public static void runQueue(Session s, IkeSa sa) {
        while (sa.outstanding == null && !sa.queue.isEmpty() && sa.state != IkeSaState.DESTROYED) {
            IkeSa.PendingTask t = sa.queue.poll();
            switch (t) {
                case IkeSa.PendingTask.DeleteIke d -> {
                    sa.state = IkeSaState.DELETING;
                    sa.currentTask = t;
                    Messenger.sendRequest(s, sa, ExchangeType.INFORMATIONAL,
                            List.of(new DeletePayload(ProtocolId.IKE.value(), 0, List.of())));
                }
                case IkeSa.PendingTask.DeleteChild d -> {
                    Optional<ChildSa> c = sa.child(d.childId());
                    if (c.isEmpty()) continue;
                    c.get().state(ChildSaState.DELETING);
                    sa.currentTask = t;
                    Messenger.sendRequest(s, sa, ExchangeType.INFORMATIONAL, List.of(new DeletePayload(ProtocolId.ESP.value(), 4,
                            List.of(ByteBuffer.allocate(4).putInt(c.get().inboundSpi()).array()))));
                }
                case IkeSa.PendingTask.Liveness l -> {
                    sa.currentTask = t;
                    Messenger.sendRequest(s, sa, ExchangeType.INFORMATIONAL, List.of());
                }
            }
        }
    }

    /** Initiator: the response to our INFORMATIONAL request. */
    public static void processResponse(Session s, IkeSa sa, IkeMessage m) {
        IkeSa.PendingTask t = sa.currentTask;
        sa.currentTask = null;
        switch (t) {
            case IkeSa.PendingTask.DeleteIke d -> SaLifecycle.close(s, sa, "deleted");
            case IkeSa.PendingTask.DeleteChild d -> sa.child(d.childId()).ifPresent(c -> SaLifecycle.removeChild(s, sa, c, "deleted"));
            case null, default -> { }
        }
    }

    /** Responder: answers an INFORMATIONAL request (RFC 7296 1.4: Deletes are answered with our own Deletes). */
    public static void respond(Session s, IkeSa sa, IkeMessage m) {
        long mid = m.header().messageId();
        List<DeletePayload> deletes = m.all(DeletePayload.class);
        if (deletes.stream().anyMatch(d -> d.protocolId() == ProtocolId.IKE.value())) {
            Messenger.sendResponse(s, sa, ExchangeType.INFORMATIONAL, mid, List.of());
            SaLifecycle.close(s, sa, "deleted by peer");
            return;
        }
        List<byte[]> ours = new ArrayList<>();
        List<ChildSa> gone = new ArrayList<>();
        for (DeletePayload d : deletes) {
            if (d.protocolId() != ProtocolId.ESP.value() || d.spiSize() != 4) continue;
            for (byte[] spi : d.spis()) {
                sa.childByOutboundSpi(ByteBuffer.wrap(spi).getInt()).filter(c -> !gone.contains(c)).ifPresent(c -> {
                    gone.add(c);
                    // a CHILD_SA we are deleting ourselves at the same time is not repeated (RFC 7296 1.4)
                    if (c.state() != ChildSaState.DELETING) ours.add(ByteBuffer.allocate(4).putInt(c.inboundSpi()).array());
                });
            }
        }
        List<Payload> ps = ours.isEmpty() ? List.of() : List.of(new DeletePayload(ProtocolId.ESP.value(), 4, ours));
        Messenger.sendResponse(s, sa, ExchangeType.INFORMATIONAL, mid, ps);
        for (ChildSa c : gone) SaLifecycle.removeChild(s, sa, c, "deleted by peer");
    }
}
