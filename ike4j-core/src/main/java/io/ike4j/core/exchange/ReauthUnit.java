package io.ike4j.core.exchange;

import io.ike4j.core.config.AddressMatch;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.engine.SaEvent;
import io.ike4j.core.sa.ChildSa;
import io.ike4j.core.sa.ChildSaState;
import io.ike4j.core.sa.IkeSa;
import io.ike4j.core.sa.IkeSaState;
import java.util.List;

/**
 * Reauthentication (swanctl.conf reauth_time, RFC 7296 2.8.3), make-before-break: a new IKE SA with IKE_SA_INIT and
 * IKE_AUTH (without INITIAL_CONTACT) for the same connection, the old SA's CHILD_SAs recreated on it (the first in
 * IKE_AUTH, the others with CREATE_CHILD_SA), and only then the old IKE SA deleted.
 */
public final class ReauthUnit {
    private ReauthUnit() {}

    /** Starts reauthenticating {@code old}; without a concrete remote address to initiate to, it is rekeyed instead. */
    public static void start(Session s, IkeSa old) {
        if (old.retired || old.state != IkeSaState.ESTABLISHED) return;
        if (AddressMatch.firstConcrete(old.connection.remoteAddrs()).isEmpty()) {
            s.log(EngineLog.Subsystem.IKE, old, "no concrete remote address to reauthenticate to, rekeying instead");
            old.queue.add(new IkeSa.PendingTask.RekeyIke());
            InformationalExchange.runQueue(s, old);
            return;
        }
        List<String> names = old.children.stream().filter(c -> c.state() != ChildSaState.DELETING && c.state() != ChildSaState.DESTROYED)
                .map(ChildSa::name).distinct().toList();
        String first = names.isEmpty() ? null : names.getFirst();
        s.log(EngineLog.Subsystem.IKE, old, "reauthenticating IKE_SA " + old.connectionName() + "[" + old.id() + "]");
        IkeSa fresh = IkeSaInitExchange.initiate(s, old.connection, first, sa -> {
            sa.reauthenticates = old.id();
            for (String n : names.subList(Math.min(1, names.size()), names.size())) sa.queue.add(new IkeSa.PendingTask.CreateChild(n));
        });
        if (fresh == null) s.log(EngineLog.Subsystem.IKE, old, "reauthentication could not start");
    }

    /** The new IKE SA is up: reported as a rekey of the old one, which is deleted once this SA's lock is released. */
    static void replaced(Session s, IkeSa fresh) {
        s.log(EngineLog.Subsystem.IKE, fresh, "IKE_SA " + fresh.connectionName() + "[" + fresh.id() + "] reauthenticates ["
                + fresh.reauthenticates + "], deleting the old one");
        s.event(new SaEvent.IkeSaRekeyed(fresh.id(), fresh.connectionName(), fresh.reauthenticates, true, SaInfos.ike(fresh)));
        s.deleteAfterReauth(fresh.reauthenticates);
    }
}
