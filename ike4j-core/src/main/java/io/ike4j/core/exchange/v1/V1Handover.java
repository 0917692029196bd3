package io.ike4j.core.exchange.v1;

import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.engine.TimerId;
import io.ike4j.core.sa.v1.IpsecSa;
import io.ike4j.core.sa.v1.IsakmpSa;
import java.time.Duration;

/**
 * Make-before-break for IKEv1, where a Delete has no answer (RFC 2408 3.15) and the Quick Mode responder may install
 * its SAs only when message 3 arrives (strongSwan's does). When our Quick Mode rekey or our reauthentication completes,
 * the new IPsec SA pair is installed with its outbound deferred (the data plane keeps sending on the old pair, which
 * the peer surely still has) and the old pair (or the old ISAKMP SA with its pairs) stays for {@link #GRACE}: packets
 * the peer sent on it before it switched still arrive, and the peer has the new pair by the end. Then the old pair is
 * removed (the data plane switches outbound to the new one) and its Delete sent, in that order.
 */
final class V1Handover {
    /** How long a replaced SA stays installed (strongSwan keeps IKEv2 SAs 5 s, delete_rekeyed_delay; IKEv1 rekeys are often shorter). */
    static final Duration GRACE = Duration.ofSeconds(1);
    /** Timer detail of an ISAKMP SA's own retirement (children's retirements use their ids, which are positive). */
    static final long ISAKMP = -1;

    private V1Handover() {}

    /** Whether a pair our own exchange is installing now goes behind an older one for outbound traffic. */
    static boolean defersOutbound(IsakmpSa sa, long rekeyOf) {
        return rekeyOf >= 0 || sa.replaces >= 0;
    }

    /** Our rekey replaced {@code old}: it goes (Delete included) after the grace period. */
    static void retire(V1Run r, IsakmpSa sa, IpsecSa old) {
        if (!sa.retiringChildren.add(old.id())) return;
        r.cancelTimer(sa, TimerId.TimerKind.CHILD_REKEY, old.id());
        r.startTimer(sa, TimerId.TimerKind.DELETE_OLD, old.id(), GRACE);
        r.log(EngineLog.Subsystem.CHILD, sa, "CHILD_SA " + old.name() + "{" + old.id() + "} rekeyed, deleting it in "
                + GRACE.toMillis() + " ms");
    }

    /** Our reauthentication replaced {@code old}: it goes (its IPsec SAs' Deletes and its own) after the grace period. */
    static void retire(V1Run r, IsakmpSa old) {
        if (old.retired) return;
        old.retired = true;
        r.cancelTimer(old, TimerId.TimerKind.IKE_REKEY, 0);
        for (IpsecSa c : old.children) r.cancelTimer(old, TimerId.TimerKind.CHILD_REKEY, c.id());
        r.startTimer(old, TimerId.TimerKind.DELETE_OLD, ISAKMP, GRACE);
        r.log(EngineLog.Subsystem.IKE, old, "IKE_SA " + old.connectionName() + "[" + old.id() + "] reauthenticated, deleting it in "
                + GRACE.toMillis() + " ms");
    }

    /**
     * The grace period of a retired pair ({@code detail}: its id) or ISAKMP SA ({@link #ISAKMP}) is over. Returns true
     * if the ISAKMP SA itself is to be terminated now (the caller knows how).
     */
    static boolean expired(V1Run r, IsakmpSa sa, long detail) {
        if (detail == ISAKMP) return sa.retired;
        sa.retiringChildren.remove(detail);
        sa.children.stream().filter(c -> c.id() == detail).findFirst().ifPresent(old -> {
            V1Lifecycle.removeChild(r, sa, old, "rekeyed"); // first: the data plane switches outbound to the new pair
            if (sa.established()) Informational.deleteIpsec(r, sa, old);
        });
        return false;
    }
}
