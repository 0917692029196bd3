package io.ike4j.core.exchange;

import io.ike4j.core.codec.IkeMessage;
import io.ike4j.core.codec.NotifyType;
import io.ike4j.core.codec.payload.NotifyPayload;
import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.engine.SaEvent;
import io.ike4j.core.engine.TimerId;
import io.ike4j.core.sa.ChildSa;
import io.ike4j.core.sa.ChildSaState;
import io.ike4j.core.sa.IkeSa;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * CHILD_SA lifetimes and rekey outcomes. Timers (swanctl.conf rekey_time/life_time/rand_time): CHILD_REKEY fires at
 * rekey_time minus a random part of rand_time (so that the peers rarely collide), CHILD_EXPIRE at life_time. Byte
 * and packet limits come from the data plane ({@link #expired}). Collisions follow RFC 7296 2.8.1 and 2.25.1.
 */
public final class ChildRekeyUnit {
    private ChildRekeyUnit() {}

    static void armTimers(Session s, IkeSa sa, ChildSa child) {
        ChildConfig c = child.config();
        if (!c.rekeyTime().isZero()) {
            long rand = c.randTime().toMillis();
            long jitter = rand <= 0 ? 0 : Math.floorMod(ByteBuffer.wrap(s.context().random().bytes(8)).getLong(), rand);
            s.startTimer(sa, TimerId.TimerKind.CHILD_REKEY, child.id(), c.rekeyTime().minus(Duration.ofMillis(jitter)));
        }
        if (!c.lifeTime().isZero()) s.startTimer(sa, TimerId.TimerKind.CHILD_EXPIRE, child.id(), c.lifeTime());
    }

    static void cancelTimers(Session s, IkeSa sa, ChildSa child) {
        s.cancelTimer(sa, TimerId.TimerKind.CHILD_REKEY, child.id());
        s.cancelTimer(sa, TimerId.TimerKind.CHILD_EXPIRE, child.id());
    }

    /**
     * The data plane reports a byte/packet limit of a CHILD_SA (rekey_bytes/rekey_packets soft, life_bytes/life_packets
     * hard): soft starts a rekey unless one is under way, hard deletes the CHILD_SA (its SAs refuse traffic now).
     */
    public static void expired(Session s, IkeSa sa, long childId, boolean hard) {
        ChildSa c = sa.child(childId).orElse(null);
        if (c == null) return;
        s.log(EngineLog.Subsystem.CHILD, sa, "CHILD_SA " + c.name() + "{" + c.id() + "} reached its " + (hard ? "hard" : "soft")
                + " byte/packet lifetime");
        if (hard) sa.queue.add(new IkeSa.PendingTask.DeleteChild(c.id()));
        else if (c.state() == ChildSaState.INSTALLED) sa.queue.add(new IkeSa.PendingTask.RekeyChild(c.id()));
        InformationalExchange.runQueue(s, sa);
    }

    /** True if our rekey of {@code old}, answered by {@code m}, loses a collision with the peer's (RFC 7296 2.8.1). */
    static boolean losesCollision(ChildSa old, byte[] ni, IkeMessage m) {
        ChildSa.RekeyCollision c = old.collision();
        java.util.Optional<io.ike4j.core.codec.payload.NoncePayload> nr = m.first(io.ike4j.core.codec.payload.NoncePayload.class);
        return c != null && nr.isPresent() && c.peerCreated().state() != ChildSaState.DESTROYED
                && RekeyCollisions.oursLoses(ni, nr.get().nonce(), c.nonceI(), c.nonceR());
    }

    /** Initiator: our rekey of {@code old} created {@code fresh}; resolves a crossing rekey by the peer (RFC 7296 2.8.1). */
    static void rekeyed(Session s, IkeSa sa, ChildSa old, ChildSa fresh, byte[] ni, byte[] nr) {
        ChildSa survivor = fresh;
        ChildSa.RekeyCollision c = old.collision();
        old.collision(null);
        // the peer deleted the old CHILD_SA before answering us: removedInCollision reported its new one already
        boolean reported = c != null && old.state() == ChildSaState.DESTROYED;
        if (c != null && c.peerCreated().state() != ChildSaState.DESTROYED
                && RekeyCollisions.oursLoses(ni, nr, c.nonceI(), c.nonceR())) {
            // RFC 7296 2.8.1: our exchange had the lowest nonce: we delete our new CHILD_SA, the peer deletes the old one
            survivor = c.peerCreated();
            fresh.state(ChildSaState.REKEYED);
            sa.queue.add(new IkeSa.PendingTask.DeleteChild(fresh.id()));
            s.log(EngineLog.Subsystem.CHILD, sa, "CHILD_SA rekey collision lost, deleting redundant " + fresh.name() + "{"
                    + fresh.id() + "}");
        } else {
            if (c != null) s.log(EngineLog.Subsystem.CHILD, sa, "CHILD_SA rekey collision won, peer deletes {" + c.peerCreated().id() + "}");
            if (old.state() != ChildSaState.DESTROYED) sa.queue.add(new IkeSa.PendingTask.DeleteChild(old.id()));
        }
        if (old.state() != ChildSaState.DESTROYED) old.state(ChildSaState.REKEYED);
        if (!reported || survivor != c.peerCreated()) rekeyEvent(s, sa, old, survivor);
    }

    /**
     * Initiator: our rekey of {@code old} failed. True if handled here: the peer's crossing rekey won by default,
     * the CHILD_SA went away meanwhile (a Delete crossed our rekey), or TEMPORARY_FAILURE (retried after a random delay).
     */
    static boolean rekeyFailed(Session s, IkeSa sa, ChildSa old, IkeMessage m) {
        ChildSa.RekeyCollision c = old.collision();
        old.collision(null);
        if (old.state() == ChildSaState.DESTROYED) return true;
        if (c != null && c.peerCreated().state() != ChildSaState.DESTROYED) {
            old.state(ChildSaState.REKEYED); // RFC 7296 2.8.1: the peer's new CHILD_SA is the one; it deletes the old
            rekeyEvent(s, sa, old, c.peerCreated());
            return true;
        }
        if (old.state() == ChildSaState.REKEYING) old.state(ChildSaState.INSTALLED);
        if (m.all(NotifyPayload.class).stream().anyMatch(n -> n.notifyType() == NotifyType.TEMPORARY_FAILURE.value())) {
            Duration d = RekeyCollisions.retryDelay(s); // RFC 7296 2.25
            s.log(EngineLog.Subsystem.CHILD, sa, "CHILD_SA " + old.name() + "{" + old.id() + "} rekey: TEMPORARY_FAILURE, retrying in "
                    + d.toMillis() + " ms");
            s.startTimer(sa, TimerId.TimerKind.CHILD_REKEY, old.id(), d);
            return true;
        }
        return m.all(NotifyPayload.class).stream().anyMatch(n -> n.notifyType() == NotifyType.CHILD_SA_NOT_FOUND.value());
    }

    /** Responder: the peer rekeyed {@code old} into {@code fresh}; with our own rekey of it in flight, a collision. */
    static void peerRekeyed(Session s, IkeSa sa, ChildSa old, ChildSa fresh, boolean collision, byte[] ni, byte[] nr) {
        if (collision) {
            old.collision(new ChildSa.RekeyCollision(fresh, ni, nr)); // decided when our own exchange completes
            s.log(EngineLog.Subsystem.CHILD, sa, "CHILD_SA " + old.name() + "{" + old.id() + "} rekey collision detected");
            return;
        }
        old.state(ChildSaState.REKEYED); // kept for inbound traffic until the peer deletes it (RFC 7296 1.3.3)
        rekeyEvent(s, sa, old, fresh);
    }

    /**
     * A CHILD_SA whose rekeys crossed is deleted by the peer before our rekey was answered: the peer's new one carries
     * its traffic now. The collision stays recorded: when the answer to our rekey arrives, the nonces still decide
     * whether our new CHILD_SA is the redundant one we must delete (RFC 7296 2.8.1) — the peer, having won, waits for
     * that Delete (a lossy link delays our answer past the peer's Delete).
     */
    static void removedInCollision(Session s, IkeSa sa, ChildSa old) {
        ChildSa.RekeyCollision c = old.collision();
        if (c != null && c.peerCreated().state() != ChildSaState.DESTROYED) rekeyEvent(s, sa, old, c.peerCreated());
    }

    private static void rekeyEvent(Session s, IkeSa sa, ChildSa old, ChildSa survivor) {
        s.log(EngineLog.Subsystem.CHILD, sa, "CHILD_SA " + old.name() + "{" + old.id() + "} rekeyed to {" + survivor.id() + "}");
        s.event(new SaEvent.ChildSaRekeyed(sa.id(), sa.connectionName(), old.id(), survivor.id(), survivor.name(),
                SaInfos.child(sa, survivor)));
    }
}
