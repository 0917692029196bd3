package io.ike4j.core.exchange;

import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.sa.ChildSa;
import io.ike4j.core.sa.ChildSaState;
import io.ike4j.core.sa.IkeSa;
import io.ike4j.core.sa.IkeSaState;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What follows when SAs go away without us asking (strongSwan's {@code reestablish}): the peer deleted them
 * ({@code close_action}), the peer stopped answering ({@code dpd_action}, RFC 7296 2.4), or an initiation went
 * unanswered ({@code keyingtries}). The decisions are made here under the SA's lock and recorded as {@link Step}s on
 * the {@link Session}; the engine carries them out after the lock is released (they touch other SAs and traps).
 */
public final class Reestablish {
    private Reestablish() {}

    /** One thing to do after an SA went away. */
    public sealed interface Step {
        String connection();

        /** Carry out {@code action} for a CHILD: TRAP installs its trap policy, START initiates it again. */
        record ChildAction(String connection, String child, ChildConfig.Action action, String why) implements Step {}

        /** keyingtries: initiate the connection (with {@code child}, may be null) again; {@code attempt} counts from 0. */
        record Retry(String connection, String child, int attempt, List<String> followUps) implements Step {}
    }

    /**
     * Our request went unanswered after all retransmissions. Connecting initiator: another keying try if
     * {@code keyingtries} allows (0 = forever). Established: each CHILD's {@code dpd_action}.
     */
    public static void gaveUp(Session s, IkeSa sa) {
        if (sa.retired || sa.connection == null) return;
        if (sa.state == IkeSaState.CONNECTING && sa.isInitiator()) {
            int tries = sa.connection.keyingTries();
            int next = sa.keyingTry + 1;
            if (tries == 0 || next < tries) {
                s.log(EngineLog.Subsystem.IKE, sa, "peer not responding, trying again (" + (next + 1) + "/"
                        + (tries == 0 ? "forever" : Integer.toString(tries)) + ")");
                s.followUp(new Step.Retry(sa.connectionName(), sa.requestedChild, next, List.copyOf(sa.followUpChildren)));
            }
            return;
        }
        if (sa.state == IkeSaState.ESTABLISHED) {
            for (ChildConfig c : liveChildren(sa)) act(s, sa, c, c.dpdAction(), "dpd_action");
        }
    }

    /** RFC 7296 1.4.1: the peer deleted the whole IKE SA; each CHILD's {@code close_action} applies. */
    public static void peerDeletedIke(Session s, IkeSa sa) {
        if (sa.retired || sa.connection == null) return;
        for (ChildConfig c : liveChildren(sa)) act(s, sa, c, c.closeAction(), "close_action");
    }

    /**
     * The peer deleted these CHILD_SAs (already removed from the SA): {@code close_action}, unless another CHILD_SA of
     * the same configuration remains (the Delete finished a rekey, RFC 7296 2.8).
     */
    public static void peerDeletedChildren(Session s, IkeSa sa, List<ChildSa> gone) {
        Set<String> done = new LinkedHashSet<>();
        for (ChildSa c : gone) {
            if (!done.add(c.name())) continue;
            boolean stillUp = sa.children.stream().anyMatch(o -> o.name().equals(c.name()) && o.state() != ChildSaState.DESTROYED);
            if (!stillUp) act(s, sa, c.config(), c.config().closeAction(), "close_action");
        }
    }

    private static List<ChildConfig> liveChildren(IkeSa sa) {
        Set<String> names = new LinkedHashSet<>();
        List<ChildConfig> out = new java.util.ArrayList<>();
        for (ChildSa c : sa.children) {
            if (c.state() == ChildSaState.DESTROYED || !names.add(c.name())) continue;
            out.add(c.config());
        }
        return out;
    }

    private static void act(Session s, IkeSa sa, ChildConfig c, ChildConfig.Action action, String knob) {
        if (action == ChildConfig.Action.NONE) return;
        s.log(EngineLog.Subsystem.CHILD, sa, knob + " " + (action == ChildConfig.Action.TRAP ? "trap" : "restart")
                + " for CHILD_SA " + c.name());
        s.followUp(new Step.ChildAction(sa.connectionName(), c.name(), action, knob));
    }
}
