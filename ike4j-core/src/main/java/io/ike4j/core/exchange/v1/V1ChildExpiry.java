package io.ike4j.core.exchange.v1;

import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.sa.v1.IpsecSa;
import io.ike4j.core.sa.v1.IsakmpSa;

/**
 * An IPsec SA that reached a byte or packet limit the data plane enforces (RFC 2407 4.5 kilobytes lifetime, life_bytes,
 * life_packets; {@code EngineInput.ChildSaExpired}). Soft: the Quick Mode initiator, the side that rekeys at the soft
 * seconds limit too, runs a new Quick Mode for it (the responder waits for that); hard: the pair is deleted.
 */
final class V1ChildExpiry {
    private V1ChildExpiry() {}

    static void expired(V1Run r, IsakmpSa sa, long childId, boolean hard) {
        IpsecSa c = sa.children.stream().filter(x -> x.id() == childId).findFirst().orElse(null);
        if (c == null) return; // gone already (rekeyed, deleted): the other direction's report comes late
        String name = "CHILD_SA " + c.name() + "{" + c.id() + "}";
        if (hard) {
            r.log(EngineLog.Subsystem.CHILD, sa, name + " reached its hard byte/packet limit, deleting it");
            if (sa.established()) Informational.deleteIpsec(r, sa, c);
            V1Lifecycle.removeChild(r, sa, c, "byte/packet lifetime expired");
            return;
        }
        if (!sa.isInitiator() || !sa.established()) {
            r.log(EngineLog.Subsystem.CHILD, sa, name + " reached its soft byte/packet limit; the Quick Mode initiator rekeys");
            return;
        }
        boolean rekeying = sa.quickModes.values().stream().anyMatch(q -> q.initiator && q.rekeyOf == childId);
        boolean replaced = sa.children.stream().anyMatch(o -> o.name().equals(c.name()) && o.id() > c.id());
        if (rekeying || replaced) return; // one rekey per pair: both directions report their soft limit
        r.log(EngineLog.Subsystem.CHILD, sa, name + " reached its soft byte/packet limit, rekeying");
        QuickMode.initiate(r, sa, c.config(), c.id());
    }
}
