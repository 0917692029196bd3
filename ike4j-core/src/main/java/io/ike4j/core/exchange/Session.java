package io.ike4j.core.exchange;

import io.ike4j.core.config.EngineSettings;
import io.ike4j.core.engine.EngineContext;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.engine.EngineOutput;
import io.ike4j.core.engine.SaEvent;
import io.ike4j.core.engine.TimerId;
import io.ike4j.core.sa.IkeSa;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One {@code handle} call: the engine's context, its SA table and the outputs collected so far. */
public final class Session {
    private final EngineContext context;
    private final SaRegistry registry;
    private final List<EngineOutput> out = new ArrayList<>();
    private final List<UniquenessCheck> uniquenessChecks = new ArrayList<>();

    /**
     * After {@code established} came up: other IKE SAs with the same identities are to be replaced (RFC 7296 2.4
     * INITIAL_CONTACT: silently, the peer has lost them; unique=replace: with a Delete). Done by the engine after the
     * SA's lock is released, so that SAs never lock each other.
     */
    public record UniquenessCheck(long ikeSaId, io.ike4j.core.config.Identity localId, io.ike4j.core.config.Identity remoteId,
                                  boolean initialContact) {}

    public void checkUniqueness(UniquenessCheck c) { uniquenessChecks.add(c); }

    private final List<Reestablish.Step> followUps = new ArrayList<>();

    /** Records what to do once the SA's lock is released (close_action, dpd_action, keyingtries). */
    public void followUp(Reestablish.Step step) { followUps.add(step); }

    public List<Reestablish.Step> followUps() { return List.copyOf(followUps); }

    public List<UniquenessCheck> uniquenessChecks() { return List.copyOf(uniquenessChecks); }

    private final List<Long> reauthenticated = new ArrayList<>();

    /** Reauthentication finished: the engine deletes the old IKE SA {@code oldIkeSaId} after the new SA's lock is released. */
    public void deleteAfterReauth(long oldIkeSaId) { reauthenticated.add(oldIkeSaId); }

    public List<Long> reauthenticated() { return List.copyOf(reauthenticated); }

    private final List<java.util.function.Consumer<Session>> afterwards = new ArrayList<>();

    /** Work to run after the current SA's lock is released (e.g. starting a new IKE SA elsewhere, RFC 5685 redirects). */
    public void afterwards(java.util.function.Consumer<Session> action) { afterwards.add(action); }

    /** Takes the deferred work queued so far (the engine runs it outside every SA lock). */
    public List<java.util.function.Consumer<Session>> takeAfterwards() {
        List<java.util.function.Consumer<Session>> out = List.copyOf(afterwards);
        afterwards.clear();
        return out;
    }

    public Session(EngineContext context, SaRegistry registry) {
        this.context = context;
        this.registry = registry;
    }

    public EngineContext context() { return context; }

    public SaRegistry registry() { return registry; }

    public EngineSettings settings() { return context.config().settings(); }

    public Instant now() { return context.clock().instant(); }

    public List<EngineOutput> outputs() { return List.copyOf(out); }

    public void emit(EngineOutput o) { out.add(o); }

    /** Emits a lifecycle event; failures are also logged here, once, naming the notify sent or received. */
    public void event(SaEvent e) {
        switch (e) {
            case SaEvent.IkeSaFailed f -> context.log().log(EngineLog.Subsystem.IKE, f.connection(), f.ikeSaId(),
                    "establishing IKE_SA " + f.connection() + "[" + f.ikeSaId() + "] failed: " + f.reason() + notifyName(f.notifyType()));
            case SaEvent.ChildSaFailed f -> context.log().log(EngineLog.Subsystem.CHILD, f.connection(), f.ikeSaId(),
                    "establishing CHILD_SA " + f.child() + " failed: " + f.reason() + notifyName(f.notifyType()));
            default -> { }
        }
        out.add(new EngineOutput.Notify(e));
    }

    private static String notifyName(int type) {
        return type == 0 ? "" : " (" + io.ike4j.core.codec.NotifyType.of(type).map(Enum::name).orElse("notify " + type) + ")";
    }

    public void startTimer(IkeSa sa, TimerId.TimerKind kind, long detail, Duration in) {
        out.add(new EngineOutput.StartTimer(new TimerId(sa.id(), kind, detail), now().plus(in)));
    }

    public void cancelTimer(IkeSa sa, TimerId.TimerKind kind, long detail) {
        out.add(new EngineOutput.CancelTimer(new TimerId(sa.id(), kind, detail)));
    }

    public void log(EngineLog.Subsystem sub, IkeSa sa, String message) {
        context.log().log(sub, sa == null ? "" : sa.connectionName(), sa == null ? 0 : sa.id(), message);
    }
}
