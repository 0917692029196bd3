package io.ike4j.core.exchange.v1;

import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.exchange.Reestablish;
import io.ike4j.core.sa.v1.IsakmpSa;
import io.ike4j.core.sa.v1.QuickModeState;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Bringing an IKEv1 CHILD (an IPsec SA pair) up on demand, as strongSwan does for {@code version = 1}: start_action,
 * an acquire from a trap policy, and the close/dpd actions and keyingtries of {@link Reestablish}. Quick Mode (RFC 2409
 * 5.5) on an established ISAKMP SA of the connection if there is one, queued on one of ours still in Phase 1 (or in
 * XAuth/Mode Config), else a new Main (or Aggressive) Mode. A CHILD that is installed or being negotiated is left
 * alone. Runs outside every SA's lock and takes them one at a time.
 */
final class V1Establish {
    private V1Establish() {}

    /** Brings {@code child} of {@code c} up unless it is up or on its way. */
    static void establish(V1Run r, ConnectionConfig c, String child) {
        if (c.child(child).isEmpty()) return;
        IsakmpSa ready = null, pending = null;
        List<IsakmpSa> mine = r.table.all().stream().filter(sa -> sa.connectionName().equals(c.name()))
                .sorted(Comparator.comparingLong(IsakmpSa::id).reversed()).toList();
        for (IsakmpSa sa : mine) {
            sa.lock().lock();
            try {
                if (sa.step == IsakmpSa.Step.DESTROYED || sa.step == IsakmpSa.Step.DELETING) continue;
                if (upOrComing(sa, child)) return;
                if (sa.established() && sa.cfg.ready) {
                    if (ready == null) ready = sa;
                } else if (sa.isInitiator() && pending == null) {
                    pending = sa;
                }
            } finally {
                sa.lock().unlock();
            }
        }
        if (ready != null && quickMode(r, ready, c.child(child).get())) return;
        if (pending != null && queue(r, pending, child)) return;
        phase1(r, c, child);
    }

    /** keyingtries: the connection is initiated again after an attempt went unanswered, its follow-ups carried over. */
    static void retry(V1Run r, ConnectionConfig c, Reestablish.Step.Retry step) {
        r.onNewInitiator = sa -> {
            sa.keyingTry = step.attempt();
            sa.followUpChildren.addAll(step.followUps());
        };
        try {
            phase1(r, c, step.child());
        } finally {
            r.onNewInitiator = null;
        }
    }

    /** Our ISAKMP SA is ready for Quick Mode (lock held): the CHILDren queued on it are started. */
    static void followUps(V1Run r, IsakmpSa sa) {
        if (sa.followUpChildren.isEmpty() || !sa.established()) return;
        List<String> children = List.copyOf(sa.followUpChildren);
        sa.followUpChildren.clear();
        for (String name : children) {
            Optional<ChildConfig> child = sa.connection.child(name);
            if (child.isPresent() && !hasChild(sa, name)) QuickMode.initiate(r, sa, child.get());
        }
    }

    private static void phase1(V1Run r, ConnectionConfig c, String child) {
        if (c.aggressive()) AggressiveMode.initiate(r, c, child);
        else MainMode.initiate(r, c, child);
    }

    private static boolean quickMode(V1Run r, IsakmpSa sa, ChildConfig child) {
        sa.lock().lock();
        try {
            if (!sa.established() || !sa.cfg.ready) return false;
            if (!hasChild(sa, child.name())) QuickMode.initiate(r, sa, child);
            return true;
        } finally {
            sa.lock().unlock();
        }
    }

    private static boolean queue(V1Run r, IsakmpSa sa, String child) {
        sa.lock().lock();
        try {
            if (sa.step == IsakmpSa.Step.DESTROYED || sa.step == IsakmpSa.Step.DELETING) return false;
            if (sa.established() && sa.cfg.ready) {
                if (!hasChild(sa, child)) QuickMode.initiate(r, sa, sa.connection.child(child).orElseThrow());
                return true;
            }
            if (!upOrComing(sa, child)) {
                sa.followUpChildren.add(child);
                r.log(EngineLog.Subsystem.CHILD, sa, "CHILD_SA " + child + " queued until IKE_SA " + sa.connectionName()
                        + "[" + sa.id() + "] is up");
            }
            return true;
        } finally {
            sa.lock().unlock();
        }
    }

    /** Whether {@code child} is installed on {@code sa}, negotiated on it, or will be once its Phase 1 completes. */
    private static boolean upOrComing(IsakmpSa sa, String child) {
        if (hasChild(sa, child)) return true;
        boolean waiting = !(sa.established() && sa.cfg.ready) && sa.isInitiator();
        return waiting && (child.equals(sa.requestedChild) || sa.followUpChildren.contains(child));
    }

    /** An IPsec SA of {@code child} installed, or a Quick Mode creating one (either side starting it). */
    static boolean hasChild(IsakmpSa sa, String child) {
        if (sa.children.stream().anyMatch(c -> c.name().equals(child))) return true;
        for (QuickModeState qm : sa.quickModes.values()) {
            if (qm.child != null && qm.child.name().equals(child) && qm.rekeyOf < 0) return true;
        }
        return false;
    }
}
