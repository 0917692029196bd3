package io.ike4j.core.exchange.v1;

import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.engine.EngineOutput;
import io.ike4j.core.engine.SaEvent;
import io.ike4j.core.engine.TimerId;
import io.ike4j.core.sa.v1.IpsecSa;
import io.ike4j.core.sa.v1.IsakmpSa;
import java.util.List;

/** Tearing IKEv1 SAs down: data plane removal, events, timers, table, wiping keys. Nothing half-made stays behind. */
final class V1Lifecycle {
    private V1Lifecycle() {}

    static void fail(V1Run r, IsakmpSa sa, int notifyType, String reason) {
        r.log(EngineLog.Subsystem.IKE, sa, "IKE SA failed: " + reason);
        teardown(r, sa, reason);
        r.event(new SaEvent.IkeSaFailed(sa.id(), sa.connectionName(), notifyType, reason));
    }

    static void close(V1Run r, IsakmpSa sa, String reason) {
        r.log(EngineLog.Subsystem.IKE, sa, "IKE SA closed: " + reason);
        teardown(r, sa, reason);
        r.event(new SaEvent.IkeSaClosed(sa.id(), sa.connectionName(), reason));
    }

    static void end(V1Run r, IsakmpSa sa, String reason) {
        if (sa.establishedAtEpochSecond > 0) close(r, sa, reason);
        else fail(r, sa, 0, reason);
    }

    private static void teardown(V1Run r, IsakmpSa sa, String reason) {
        for (IpsecSa c : List.copyOf(sa.children)) removeChild(r, sa, c, reason);
        for (Long mid : List.copyOf(sa.outstanding.keySet())) r.cancelTimer(sa, TimerId.TimerKind.RETRANSMIT, mid);
        r.cancelTimer(sa, TimerId.TimerKind.HALF_OPEN_TIMEOUT, 0);
        if (sa.retired) r.cancelTimer(sa, TimerId.TimerKind.DELETE_OLD, V1Handover.ISAKMP);
        if (sa.natLocal) r.cancelTimer(sa, TimerId.TimerKind.NAT_KEEPALIVE, 0);
        if (sa.establishedAtEpochSecond > 0) {
            r.cancelTimer(sa, TimerId.TimerKind.DPD, 0);
            r.cancelTimer(sa, TimerId.TimerKind.DPD, 1);
            r.cancelTimer(sa, TimerId.TimerKind.IKE_EXPIRE, 0);
            r.cancelTimer(sa, TimerId.TimerKind.IKE_REKEY, 0);
        }
        ModeConfig.release(r, sa);
        r.table.remove(sa);
        sa.wipe();
        sa.step = IsakmpSa.Step.DESTROYED;
    }

    static void removeChild(V1Run r, IsakmpSa sa, IpsecSa c, String reason) {
        if (!sa.children.remove(c)) return;
        r.cancelTimer(sa, TimerId.TimerKind.CHILD_EXPIRE, c.id());
        r.cancelTimer(sa, TimerId.TimerKind.CHILD_REKEY, c.id());
        if (sa.retiringChildren.remove(c.id())) r.cancelTimer(sa, TimerId.TimerKind.DELETE_OLD, c.id());
        r.emit(new EngineOutput.RemoveChildSa(sa.dataPlaneId(c.id()), c.id(), c.inboundSpi(), c.outboundSpi()));
        sa.adoptedFrom.remove(c.id());
        r.session.registry().releaseChildSpi(c.inboundSpi());
        r.log(EngineLog.Subsystem.CHILD, sa, "CHILD_SA " + c.name() + "{" + c.id() + "} closed: " + reason);
        r.event(new SaEvent.ChildSaClosed(sa.id(), sa.connectionName(), c.id(), c.name(), reason));
    }

    /** RFC 2407 4.6.3.3 INITIAL-CONTACT: the peer lost its state; our older SAs with it are gone without a Delete. */
    static void replaceOthers(V1Run r, IsakmpSa sa) {
        r.initialContacts.add(sa);
    }
}
