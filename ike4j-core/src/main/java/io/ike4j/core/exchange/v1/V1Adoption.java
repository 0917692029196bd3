package io.ike4j.core.exchange.v1;

import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.engine.EngineOutput;
import io.ike4j.core.engine.SaEvent;
import io.ike4j.core.engine.TimerId;
import io.ike4j.core.sa.v1.IpsecSa;
import io.ike4j.core.sa.v1.IsakmpSa;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * IKEv1 reauthentication by the peer without Quick Mode (strongSwan reauthenticates with a new Main Mode only and
 * moves its IPsec SAs onto the new ISAKMP SA): when the old ISAKMP SA expires or the peer deletes it, its IPsec SAs
 * are not removed but adopted by the newest established ISAKMP SA with the same connection and peer identity. RFC 2409
 * ties no IPsec SA to the ISAKMP SA that negotiated it, so they stay installed, re-indexed in the data plane under the
 * adopting SA ({@link EngineOutput.ReassignChildSa}: counters and expiry reports follow them); their timers move to
 * the adopting SA, and a {@link SaEvent.ChildSaEstablished} under the adopting SA tells listeners where they are now.
 */
final class V1Adoption {
    private V1Adoption() {}

    /**
     * Moves {@code old}'s IPsec SAs to its successor, if there is one; afterwards {@code old} has no children left to
     * remove. Called under {@code old}'s lock; the successor has a higher id and is locked after it (ids ascending, so
     * two adoptions never wait for each other).
     */
    static void adoptChildren(V1Run r, IsakmpSa old) {
        if (old.children.isEmpty() || old.remoteId == null) return;
        for (IsakmpSa heir : successors(r, old)) {
            heir.lock().lock();
            try {
                if (!heir.established() || !old.remoteId.equals(heir.remoteId)) continue;
                move(r, old, heir);
                return;
            } finally {
                heir.lock().unlock();
            }
        }
    }

    /** Newer ISAKMP SAs of the same connection and peer identity, newest first. */
    private static List<IsakmpSa> successors(V1Run r, IsakmpSa old) {
        return r.table.all().stream()
                .filter(o -> o != old && o.id() > old.id() && o.connectionName().equals(old.connectionName()))
                .sorted((a, b) -> Long.compare(b.id(), a.id()))
                .toList();
    }

    private static void move(V1Run r, IsakmpSa old, IsakmpSa heir) {
        long now = r.now().getEpochSecond();
        for (IpsecSa c : List.copyOf(old.children)) {
            old.children.remove(c);
            r.cancelTimer(old, TimerId.TimerKind.CHILD_EXPIRE, c.id());
            r.cancelTimer(old, TimerId.TimerKind.CHILD_REKEY, c.id());
            r.emit(new EngineOutput.ReassignChildSa(old.id(), heir.id(), c.id(), c.inboundSpi(), c.outboundSpi()));
            heir.children.add(c);
            long left = Math.max(1, c.installedAtEpochSecond() + c.lifetimeSeconds() - now);
            if (c.lifetimeSeconds() > 0) r.startTimer(heir, TimerId.TimerKind.CHILD_EXPIRE, c.id(), Duration.ofSeconds(left));
            rekeyIn(c, now, old.isInitiator()).ifPresent(d -> r.startTimer(heir, TimerId.TimerKind.CHILD_REKEY, c.id(), d));
            r.log(EngineLog.Subsystem.CHILD, heir, String.format("CHILD_SA %s{%d} with SPIs %08x_i %08x_o adopted from IKE_SA %s[%d]",
                    c.name(), c.id(), c.inboundSpi(), c.outboundSpi(), old.connectionName(), old.id()));
            // listeners that keep CHILD_SAs per IKE SA (SA trackers, sessions) find it under its new ISAKMP SA
            r.event(new SaEvent.ChildSaEstablished(heir.id(), heir.connectionName(), c.id(), c.name(), V1Infos.child(heir, c)));
        }
    }

    /** The rekey that {@link QuickModeInstall} scheduled for the Quick Mode initiator, still ahead. */
    private static Optional<Duration> rekeyIn(IpsecSa c, long now, boolean initiator) {
        if (!initiator || c.lifetimeSeconds() <= 0) return Optional.empty();
        long hard = c.lifetimeSeconds();
        long rekey = c.config().rekeyTime().toSeconds();
        long soft = rekey > 0 && rekey < hard ? rekey : hard - hard / 10;
        long left = c.installedAtEpochSecond() + soft - now;
        return left > 0 && soft < hard ? Optional.of(Duration.ofSeconds(left)) : Optional.empty();
    }
}
