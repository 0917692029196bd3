package io.ike4j.core.engine;

import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.exchange.IkeSaInitExchange;
import io.ike4j.core.exchange.Reestablish;
import io.ike4j.core.exchange.Session;
import io.ike4j.core.exchange.TrapPolicies;
import io.ike4j.core.exchange.v1.V1Machine;
import io.ike4j.core.sa.ChildSaState;
import io.ike4j.core.sa.IkeSa;
import io.ike4j.core.sa.IkeSaState;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bringing CHILD_SAs up on demand: {@code start_action} (start, trap), acquires from trap policies, and the
 * follow-ups of SAs that went away ({@link Reestablish}: close_action, dpd_action, keyingtries). A CHILD is created
 * with CREATE_CHILD_SA on an established IKE SA of its connection (RFC 7296 1.3.1), queued on one being initiated,
 * or with a new IKE SA; one that is up or on its way is left alone. Runs outside every SA's lock and takes them one
 * at a time. The installed traps are kept here (thread-safe), so reloads can remove those whose CHILD is gone.
 * {@code version = 1} connections are brought up by the IKEv1 machine ({@link V1Machine#establish}, {@link V1Machine#retry}).
 */
final class LifecycleActions {
    private final SaTable table;
    private final V1Machine v1;
    private final ConcurrentHashMap<String, TrapPolicy> traps = new ConcurrentHashMap<>();

    LifecycleActions(SaTable table, V1Machine v1) {
        this.table = table;
        this.v1 = v1;
    }

    /** EngineInput.Acquire: a packet hit the trap of {@code connection}/{@code child}. */
    void acquire(Session s, String connection, String child) {
        Optional<ConnectionConfig> c = s.context().config().connection(connection);
        if (c.isEmpty() || c.get().child(child).isEmpty()) {
            s.log(EngineLog.Subsystem.CFG, null, "acquire for unknown CHILD " + connection + "/" + child + " ignored");
            return;
        }
        s.log(EngineLog.Subsystem.CHILD, null, "acquire for trap " + connection + "/" + child);
        establish(s, c.get(), child);
    }

    /** EngineInput.ApplyStartActions: traps installed, start children initiated, stale traps removed. */
    void applyStartActions(Session s) {
        Set<String> known = new HashSet<>();
        for (ConnectionConfig c : s.context().config().connections()) {
            for (ChildConfig child : c.children()) {
                known.add(c.name() + "/" + child.name());
                switch (child.startAction()) {
                    case TRAP -> trap(s, c, child);
                    case START -> establish(s, c, child.name());
                    case NONE -> { }
                }
            }
        }
        for (TrapPolicy t : List.copyOf(traps.values())) {
            if (!known.contains(t.key()) && traps.remove(t.key(), t)) s.emit(new EngineOutput.RemoveTrap(t));
        }
    }

    /** The traps installed now (for listings and tests). */
    List<TrapPolicy> traps() {
        return List.copyOf(traps.values());
    }

    /** After an input: the recorded follow-ups, then the CHILDren queued on IKE SAs that just came up. */
    void afterInput(Session s) {
        for (Reestablish.Step step : s.followUps()) {
            Optional<ConnectionConfig> c = s.context().config().connection(step.connection());
            if (c.isEmpty()) continue; // removed by a reload meanwhile
            switch (step) {
                case Reestablish.Step.ChildAction a -> c.get().child(a.child()).ifPresent(child -> {
                    if (a.action() == ChildConfig.Action.TRAP) trap(s, c.get(), child);
                    else if (a.action() == ChildConfig.Action.START) establish(s, c.get(), child.name());
                });
                case Reestablish.Step.Retry r when c.get().version() == 1 -> v1.retry(s, c.get(), r);
                case Reestablish.Step.Retry r -> {
                    IkeSa sa = IkeSaInitExchange.initiate(s, c.get(), r.child());
                    if (sa != null) IkeEngine.locked(sa, x -> {
                        x.keyingTry = r.attempt();
                        x.followUpChildren.addAll(r.followUps());
                    });
                }
            }
        }
        for (EngineOutput o : s.outputs()) {
            if (o instanceof EngineOutput.Notify(SaEvent.IkeSaEstablished e)) {
                table.byId(e.ikeSaId()).ifPresent(sa -> IkeEngine.locked(sa, x -> createFollowUps(s, x)));
            }
        }
    }

    private static void createFollowUps(Session s, IkeSa sa) {
        if (sa.followUpChildren.isEmpty() || sa.state != IkeSaState.ESTABLISHED) return;
        List<String> children = List.copyOf(sa.followUpChildren);
        sa.followUpChildren.clear();
        for (String child : children) {
            if (!hasChild(sa, child)) IkeEngine.enqueue(s, sa, new IkeSa.PendingTask.CreateChild(child));
        }
    }

    private void trap(Session s, ConnectionConfig c, ChildConfig child) {
        TrapPolicies.of(s, c, child).ifPresent(t -> {
            traps.put(t.key(), t);
            s.log(EngineLog.Subsystem.CHILD, null, "installing trap policy for CHILD_SA " + t.key());
            s.emit(new EngineOutput.InstallTrap(t));
        });
    }

    /** Brings {@code child} of {@code c} up unless it is up or on its way (IKEv1: Quick Mode or Main Mode, RFC 2409). */
    private void establish(Session s, ConnectionConfig c, String child) {
        if (c.version() == 1) {
            v1.establish(s, c, child);
            return;
        }
        boolean[] handled = {false};
        for (IkeSa existing : table.all()) {
            if (handled[0]) break;
            IkeEngine.lockedIfCandidate(existing, sa -> sa.connectionName().equals(c.name()), sa -> {
                if (sa.retired || !sa.connectionName().equals(c.name())) return;
                if (sa.state == IkeSaState.ESTABLISHED) {
                    handled[0] = true;
                    if (!hasChild(sa, child)) IkeEngine.enqueue(s, sa, new IkeSa.PendingTask.CreateChild(child));
                } else if (sa.state == IkeSaState.CONNECTING && sa.isInitiator()) {
                    handled[0] = true;
                    if (!child.equals(sa.requestedChild) && !sa.followUpChildren.contains(child)) sa.followUpChildren.add(child);
                }
            });
        }
        if (!handled[0]) IkeSaInitExchange.initiate(s, c, child);
    }

    /** Whether {@code child} is installed, being created, or queued on {@code sa}. */
    private static boolean hasChild(IkeSa sa, String child) {
        if (sa.children.stream().anyMatch(c -> c.name().equals(child) && c.state() != ChildSaState.DESTROYED)) return true;
        if (sa.childRequest != null && sa.childRequest.old() == null && sa.childRequest.fresh().name().equals(child)) return true;
        return sa.queue.stream().anyMatch(t -> t instanceof IkeSa.PendingTask.CreateChild cc && cc.childName().equals(child));
    }
}
