package io.ike4j.core.exchange;

import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.engine.EngineOutput;
import io.ike4j.core.engine.SaEvent;
import io.ike4j.core.engine.TimerId;
import io.ike4j.core.sa.ChildSa;
import io.ike4j.core.sa.ChildSaState;
import io.ike4j.core.sa.IkeSa;
import io.ike4j.core.sa.IkeSaState;
import java.util.List;

/** Tearing SAs down: data plane removal, events, timers, SA table, wiping keys. Nothing half-made stays behind. */
public final class SaLifecycle {
    private SaLifecycle() {}

    /** Setting up failed: IkeSaFailed with the notify type (0 if none), everything removed. */
    public static void fail(Session s, IkeSa sa, int notifyType, String reason) {
        teardown(s, sa, reason);
        s.event(new SaEvent.IkeSaFailed(sa.id(), sa.connectionName(), notifyType, reason));
    }

    /** An established SA goes away: IkeSaClosed, CHILD_SAs removed. */
    public static void close(Session s, IkeSa sa, String reason) {
        s.log(EngineLog.Subsystem.IKE, sa, (sa.retired ? "rekeyed-away IKE SA closed: " : "IKE SA closed: ") + reason);
        teardown(s, sa, reason);
        if (!sa.retired) s.event(new SaEvent.IkeSaClosed(sa.id(), sa.connectionName(), reason));
    }

    /** Removes an SA without an event (it continues as another SA, e.g. after an RFC 5685 redirect); logged only. */
    public static void discard(Session s, IkeSa sa, String reason) {
        s.log(EngineLog.Subsystem.IKE, sa, "IKE SA discarded: " + reason);
        teardown(s, sa, reason);
    }

    /** Closes or fails depending on whether the SA was ever established. */
    public static void end(Session s, IkeSa sa, String reason) {
        if (sa.establishedAtEpochSecond > 0) close(s, sa, reason);
        else fail(s, sa, 0, reason);
    }

    private static void teardown(Session s, IkeSa sa, String reason) {
        for (ChildSa c : List.copyOf(sa.children)) removeChild(s, sa, c, reason);
        if (sa.childOffer != null) s.registry().releaseChildSpi(sa.childOffer.child().inboundSpi());
        if (sa.childRequest != null) s.registry().releaseChildSpi(sa.childRequest.fresh().inboundSpi());
        ConfigPayloadUnit.release(s, sa); // RFC 7296 3.15: virtual IPs live as long as their IKE SA
        if (sa.outstanding != null) s.cancelTimer(sa, TimerId.TimerKind.RETRANSMIT, sa.outstanding.messageId());
        sa.outstanding = null;
        s.cancelTimer(sa, TimerId.TimerKind.HALF_OPEN_TIMEOUT, 0);
        if (sa.natLocal) s.cancelTimer(sa, TimerId.TimerKind.NAT_KEEPALIVE, 0);
        if (sa.connection != null && !sa.connection.dpdDelay().isZero()) s.cancelTimer(sa, TimerId.TimerKind.DPD, 0);
        if (sa.establishedAtEpochSecond > 0) IkeRekeyExchange.cancelTimers(s, sa);
        if (sa.retired) s.cancelTimer(sa, TimerId.TimerKind.DELETE_OLD, 0);
        sa.queue.clear();
        s.registry().remove(sa);
        if (sa.fragments != null) sa.fragments.wipe();
        sa.wipe(); // a retired SA holds only the old keys; the live SA has its own new ones
        sa.state = IkeSaState.DESTROYED;
    }

    public static void removeChild(Session s, IkeSa sa, ChildSa c, String reason) {
        if (!sa.children.remove(c)) return;
        ChildRekeyUnit.cancelTimers(s, sa, c);
        if (c.state() == ChildSaState.INSTALLED || c.state() == ChildSaState.REKEYING || c.state() == ChildSaState.REKEYED
                || c.state() == ChildSaState.DELETING) {
            s.emit(new EngineOutput.RemoveChildSa(sa.id(), c.id(), c.inboundSpi(), c.outboundSpi()));
        }
        s.registry().releaseChildSpi(c.inboundSpi());
        ChildRekeyUnit.removedInCollision(s, sa, c);
        c.state(ChildSaState.DESTROYED);
        s.log(EngineLog.Subsystem.CHILD, sa, "CHILD_SA " + c.name() + "{" + c.id() + "} closed: " + reason);
        s.event(new SaEvent.ChildSaClosed(sa.id(), sa.connectionName(), c.id(), c.name(), reason));
    }
}
