package io.ike4j.core.exchange;

import io.ike4j.core.codec.ExchangeType;
import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.codec.payload.Payload;
import io.ike4j.core.sa.ChildSa;
import io.ike4j.core.sa.ChildSaState;
import io.ike4j.core.sa.IkeSa;
import io.ike4j.core.sa.IkeSaState;
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
                    Messenger.sendRequest(s, sa, ExchangeType.INFORMATIONAL, List.of(DeleteUnit.ikeSa()));
                }
                case IkeSa.PendingTask.DeleteChild d -> {
                    Optional<ChildSa> c = sa.child(d.childId());
                    if (c.isEmpty()) continue;
                    c.get().state(ChildSaState.DELETING);
                    sa.currentTask = t;
                    Messenger.sendRequest(s, sa, ExchangeType.INFORMATIONAL, List.of(DeleteUnit.children(List.of(c.get().inboundSpi()))));
                }
                case IkeSa.PendingTask.RekeyIke r -> {
                    if (sa.retired || !IkeRekeyExchange.initiate(s, sa)) continue;
                    sa.currentTask = t;
                }
                case IkeSa.PendingTask.CreateChild r -> {
                    if (!CreateChildSaExchange.initiateNew(s, sa, r)) continue;
                }
                case IkeSa.PendingTask.RekeyChild r -> {
                    if (!CreateChildSaExchange.initiateRekey(s, sa, r)) continue;
                }
                case IkeSa.PendingTask.Mobike mt -> {
                    if (!sa.mobike.enabled) continue;
                    MobikeExchange.initiate(s, sa, mt);
                }
                case IkeSa.PendingTask.Redirect r -> RedirectExchange.initiate(s, sa, r);
                case IkeSa.PendingTask.Liveness l -> {
                    sa.currentTask = t;
                    Messenger.sendRequest(s, sa, ExchangeType.INFORMATIONAL, LivenessUnit.request());
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
            case IkeSa.PendingTask.Mobike mt -> MobikeExchange.processResponse(s, sa, m);
            case null, default -> { }
        }
    }

    /** Responder: answers an INFORMATIONAL request (RFC 7296 1.4: Deletes are answered with our own Deletes). */
    public static void respond(Session s, IkeSa sa, IkeMessage m) {
        respond(s, sa, m, sa.local, sa.remote);
    }

    /** As {@link #respond(Session, IkeSa, IkeMessage)}; {@code oldLocal}/{@code oldRemote}: the SA's path before this request. */
    public static void respond(Session s, IkeSa sa, IkeMessage m, io.ike4j.core.engine.Endpoint oldLocal,
                               io.ike4j.core.engine.Endpoint oldRemote) {
        long mid = m.header().messageId();
        if (sa.state == IkeSaState.ESTABLISHED && RedirectExchange.followEstablished(s, sa, m)) return; // RFC 5685 5
        if (m.all(NotifyPayload.class).stream().anyMatch(n -> n.notifyType() == NotifyType.AUTHENTICATION_FAILED.value())) {
            Messenger.sendResponse(s, sa, ExchangeType.INFORMATIONAL, mid, List.of());
            SaLifecycle.close(s, sa, "peer reported AUTHENTICATION_FAILED");
            return;
        }
        if (DeleteUnit.deletesIkeSa(m) && sa.peerIkeRekey != null) { // RFC 7296 2.25.2: the peer's crossing rekey won
            IkeSa retired = IkeRekeyExchange.adoptPeerRekey(s, sa);
            Messenger.sendResponse(s, retired, ExchangeType.INFORMATIONAL, mid, List.of());
            SaLifecycle.close(s, retired, "deleted by peer after rekey");
            return;
        }
        if (DeleteUnit.deletesIkeSa(m)) {
            Messenger.sendResponse(s, sa, ExchangeType.INFORMATIONAL, mid, List.of());
            Reestablish.peerDeletedIke(s, sa);
            SaLifecycle.close(s, sa, "deleted by peer");
            return;
        }
        List<ChildSa> gone = DeleteUnit.namedChildren(sa, m);
        List<Integer> ours = DeleteUnit.answerSpis(gone);
        List<Payload> ps = new java.util.ArrayList<>(ours.isEmpty() ? List.of() : List.of(DeleteUnit.children(ours)));
        if (gone.isEmpty() && MobikeUnit.concerns(m)) ps.addAll(MobikeExchange.respond(s, sa, m, oldLocal, oldRemote));
        Messenger.sendResponse(s, sa, ExchangeType.INFORMATIONAL, mid, ps); // also the answer to a liveness check
        for (ChildSa c : gone) SaLifecycle.removeChild(s, sa, c, "deleted by peer");
        Reestablish.peerDeletedChildren(s, sa, gone);
        if (sa.state == IkeSaState.ESTABLISHED && !sa.queue.isEmpty()) runQueue(s, sa);
    }
}
