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

    public void event(SaEvent e) { out.add(new EngineOutput.Notify(e)); }

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
