package io.ike4j.platform.runtime;

import io.ike4j.core.engine.TimerId;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The engine's timers. One platform thread keeps time and does nothing but hand each expired timer to
 * {@code dispatch} (a virtual-thread executor), so no timer waits for another SA's work. Arming an id that is
 * already armed replaces it; a replaced or cancelled timer never fires, even if it was just expiring.
 */
final class TimerScheduler implements AutoCloseable {
    private final InstantSource clock;
    private final Executor dispatch;
    private final Consumer<TimerId> onFire;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Map<TimerId, Armed> armed = new ConcurrentHashMap<>();

    /** One arming of a timer; identity distinguishes re-armings of the same id. */
    private static final class Armed {
        volatile ScheduledFuture<?> future;
    }

    TimerScheduler(InstantSource clock, Executor dispatch, Consumer<TimerId> onFire) {
        this.clock = clock;
        this.dispatch = dispatch;
        this.onFire = onFire;
        this.scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "ike4j-timers");
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
    }

    void start(TimerId id, Instant deadline) {
        Armed a = new Armed();
        Armed previous = armed.put(id, a);
        if (previous != null && previous.future != null) previous.future.cancel(false);
        long delayNanos = Math.max(0, saturatedNanos(Duration.between(clock.instant(), deadline)));
        try {
            a.future = scheduler.schedule(() -> expire(id, a), delayNanos, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) { // closed
            armed.remove(id, a);
        }
    }

    void cancel(TimerId id) {
        Armed a = armed.remove(id);
        if (a != null && a.future != null) a.future.cancel(false);
    }

    /** How many timers are armed and not yet fired. */
    int pending() {
        return armed.size();
    }

    boolean isArmed(TimerId id) {
        return armed.containsKey(id);
    }

    private void expire(TimerId id, Armed a) {
        // Only the current arming fires; a re-armed or cancelled one lost its place in the map.
        if (armed.remove(id, a)) dispatch.execute(() -> onFire.accept(id));
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? 0 : Long.MAX_VALUE / 2;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        armed.clear();
    }
}
