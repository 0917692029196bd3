package io.ike4j.core.exchange.v1;

import io.ike4j.core.config.EngineSettings;
import io.ike4j.core.crypto.RandomSource;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.engine.EngineOutput;
import io.ike4j.core.engine.SaEvent;
import io.ike4j.core.engine.TimerId;
import io.ike4j.core.exchange.Session;
import io.ike4j.core.sa.v1.IsakmpSa;
import java.time.Duration;
import java.time.Instant;

/** One engine input as the IKEv1 exchanges see it: the IKEv2 engine's {@link Session} plus the ISAKMP SA table. */
final class V1Run {
    final Session session;
    final V1Table table;
    /** ISAKMP SAs that came up with INITIAL-CONTACT: older SAs with the same identities go after the lock is released. */
    final java.util.List<IsakmpSa> initialContacts = new java.util.ArrayList<>();
    /** Ids of ISAKMP SAs replaced by a reauthentication: deleted after the lock is released. */
    final java.util.List<Long> replaced = new java.util.ArrayList<>();

    /** Set by {@link V1Establish}: applied to the next initiator SA made in this input (keyingtries, follow-ups). */
    java.util.function.Consumer<IsakmpSa> onNewInitiator;

    V1Run(Session session, V1Table table) {
        this.session = session;
        this.table = table;
    }

    EngineSettings settings() {
        return session.settings();
    }

    RandomSource random() {
        return session.context().random();
    }

    Instant now() {
        return session.now();
    }

    long nextId() {
        return session.registry().nextId();
    }

    void emit(EngineOutput o) {
        session.emit(o);
    }

    void event(SaEvent e) {
        session.event(e);
    }

    void startTimer(IsakmpSa sa, TimerId.TimerKind kind, long detail, Duration in) {
        emit(new EngineOutput.StartTimer(new TimerId(sa.id(), kind, detail), now().plus(in)));
    }

    void cancelTimer(IsakmpSa sa, TimerId.TimerKind kind, long detail) {
        emit(new EngineOutput.CancelTimer(new TimerId(sa.id(), kind, detail)));
    }

    void log(EngineLog.Subsystem sub, IsakmpSa sa, String message) {
        session.context().log().log(sub, sa == null ? "" : sa.connectionName(), sa == null ? 0 : sa.id(), message);
    }
}
