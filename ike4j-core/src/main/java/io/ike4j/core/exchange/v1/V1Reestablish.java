package io.ike4j.core.exchange.v1;

import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.exchange.Reestablish;
import io.ike4j.core.sa.v1.IpsecSa;
import io.ike4j.core.sa.v1.IsakmpSa;
import io.ike4j.core.sa.v1.QuickModeState;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What follows when IKEv1 SAs go away without us asking, with strongSwan's semantics and the IKEv2 engine's
 * {@link Reestablish.Step}s (carried out after the lock is released): an unanswered Main/Aggressive Mode is tried again
 * ({@code keyingtries}, 0 = forever); a peer found dead by DPD (RFC 3706) gets each CHILD's {@code dpd_action}; a peer
 * that deleted an IPsec SA (not one replaced by a rekey) or the ISAKMP SA (RFC 2408 3.15) its {@code close_action}.
 * Called under the ISAKMP SA's lock, before the SA is torn down.
 */
final class V1Reestablish {
    private V1Reestablish() {}

    /** Our Phase 1 went unanswered after all retransmissions: another keying try if {@code keyingtries} allows. */
    static void gaveUp(V1Run r, IsakmpSa sa) {
        if (sa.established() || !sa.isInitiator() || sa.replaces >= 0) return;
        int tries = sa.connection.keyingTries();
        int next = sa.keyingTry + 1;
        if (tries != 0 && next >= tries) return;
        r.log(EngineLog.Subsystem.IKE, sa, "peer not responding, trying again (" + (next + 1) + "/"
                + (tries == 0 ? "forever" : Integer.toString(tries)) + ")");
        r.session.followUp(new Reestablish.Step.Retry(sa.connectionName(), sa.requestedChild, next, List.copyOf(sa.followUpChildren)));
    }

    /** DPD declared the peer dead: {@code dpd_action} of each CHILD on the SA (installed or being created). */
    static void peerDead(V1Run r, IsakmpSa sa) {
        for (ChildConfig c : children(sa)) act(r, sa, c, c.dpdAction(), "dpd_action");
    }

    /** The peer deleted the ISAKMP SA; what was not adopted by a successor gets its {@code close_action}. */
    static void peerDeletedIsakmp(V1Run r, IsakmpSa sa) {
        for (ChildConfig c : children(sa)) act(r, sa, c, c.closeAction(), "close_action");
    }

    /**
     * The peer deleted these IPsec SAs (already removed): {@code close_action}, unless another pair of the same CHILD
     * remains (the Delete finished a Quick Mode rekey) or is being negotiated.
     */
    static void peerDeletedIpsec(V1Run r, IsakmpSa sa, List<IpsecSa> gone) {
        Set<String> done = new LinkedHashSet<>();
        for (IpsecSa c : gone) {
            if (!done.add(c.name()) || V1Establish.hasChild(sa, c.name())) continue;
            act(r, sa, c.config(), c.config().closeAction(), "close_action");
        }
    }

    /** The CHILDren on {@code sa}: installed, or being created by a Quick Mode of ours (a close/dpd action may have started it). */
    private static List<ChildConfig> children(IsakmpSa sa) {
        Map<String, ChildConfig> out = new LinkedHashMap<>();
        for (IpsecSa c : sa.children) out.putIfAbsent(c.name(), c.config());
        for (QuickModeState qm : sa.quickModes.values()) {
            if (qm.initiator && qm.rekeyOf < 0 && qm.child != null) out.putIfAbsent(qm.child.name(), qm.child);
        }
        return List.copyOf(out.values());
    }

    private static void act(V1Run r, IsakmpSa sa, ChildConfig c, ChildConfig.Action action, String knob) {
        if (action == ChildConfig.Action.NONE) return;
        r.log(EngineLog.Subsystem.CHILD, sa, knob + " " + (action == ChildConfig.Action.TRAP ? "trap" : "restart")
                + " for CHILD_SA " + c.name());
        r.session.followUp(new Reestablish.Step.ChildAction(sa.connectionName(), c.name(), action, knob));
    }
}
