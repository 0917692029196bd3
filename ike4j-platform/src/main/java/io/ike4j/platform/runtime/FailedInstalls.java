package io.ike4j.platform.runtime;

import io.ike4j.core.engine.ChildSaInfo;
import io.ike4j.core.engine.IkeSaInfo;
import io.ike4j.core.engine.SaEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CHILD_SAs the data plane refused. The engine has already agreed them with the peer when the install fails, so the
 * runtime deletes them again (RFC 7296 1.4.1) and, meanwhile, keeps them out of what listeners see: their
 * {@link SaEvent.ChildSaEstablished} becomes a {@link SaEvent.ChildSaFailed} with the data plane's reason, and an
 * {@link SaEvent.IkeSaEstablished} lists them no more. So {@code list-sas} never shows such a CHILD_SA as installed.
 * The reasons are kept until the IKE SA ends: the peer's DELETE can be handled (on another thread) before the
 * events of the exchange that created the CHILD_SA are delivered.
 */
final class FailedInstalls {
    private record Key(long ikeSaId, long childSaId) {}

    private final Map<Key, String> reasons = new ConcurrentHashMap<>();

    void add(long ikeSaId, long childSaId, String reason) {
        reasons.put(new Key(ikeSaId, childSaId), reason);
    }

    boolean isEmpty() {
        return reasons.isEmpty();
    }

    /** The event listeners should see instead of {@code e} (often {@code e} itself). */
    SaEvent rewrite(SaEvent e) {
        if (reasons.isEmpty()) return e;
        return switch (e) {
            case SaEvent.ChildSaEstablished c when reasons.containsKey(new Key(c.ikeSaId(), c.childSaId())) ->
                    new SaEvent.ChildSaFailed(c.ikeSaId(), c.connection(), c.child(), 0,
                            EngineRuntime.INSTALL_FAILED + reasons.get(new Key(c.ikeSaId(), c.childSaId())));
            case SaEvent.IkeSaEstablished i when i.info() != null && hasFailed(i.ikeSaId(), i.info().children()) ->
                    new SaEvent.IkeSaEstablished(i.ikeSaId(), i.connection(), without(i.info()));
            case SaEvent.IkeSaClosed c -> forget(c.ikeSaId(), e);
            case SaEvent.IkeSaFailed c -> forget(c.ikeSaId(), e);
            default -> e;
        };
    }

    private SaEvent forget(long ikeSaId, SaEvent e) {
        reasons.keySet().removeIf(k -> k.ikeSaId() == ikeSaId);
        return e;
    }

    private boolean hasFailed(long ikeSaId, List<ChildSaInfo> children) {
        return children.stream().anyMatch(c -> reasons.containsKey(new Key(ikeSaId, c.childSaId())));
    }

    private IkeSaInfo without(IkeSaInfo i) {
        List<ChildSaInfo> ok = i.children().stream()
                .filter(c -> !reasons.containsKey(new Key(i.ikeSaId(), c.childSaId()))).toList();
        return i.withChildren(ok);
    }
}
