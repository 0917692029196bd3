package io.ike4j.daemon.bench;

import io.ike4j.core.engine.EngineInput;
import io.ike4j.core.engine.EngineOutput;
import io.ike4j.core.engine.SaEvent;
import io.ike4j.core.engine.TimerId;
import io.ike4j.platform.runtime.EngineRuntime;
import io.ike4j.platform.runtime.InputHandler;
import io.ike4j.platform.runtime.SaEventListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A load generator in the spirit of strongSwan's load-tester: sets up {@link BenchPlan#count()} IKE SAs (each with
 * its CHILD_SA) of one connection through an {@link EngineRuntime}, {@link BenchPlan#concurrency()} at a time, and
 * measures each from the initiation to the CHILD_SA being up (or the IKE SA, for a connection without children).
 * The responder can be any IKEv2 implementation; the initiator's data plane is whatever the runtime was given
 * (the bench command uses an in-memory one).
 */
public final class HandshakeBench {
    private final EngineRuntime runtime;
    private final LongAdder retransmissions;
    private final Map<Long, CompletableFuture<Outcome>> outcomes = new ConcurrentHashMap<>();

    /** How one attempt ended, and when ({@link System#nanoTime()}). */
    private record Outcome(boolean established, String reason, long atNanos) {}

    /**
     * @param runtime         drives the initiator's engine; the bench listens to its SA events
     * @param retransmissions counted by the {@link #countingRetransmissions} wrapper around that engine
     */
    public HandshakeBench(EngineRuntime runtime, LongAdder retransmissions) {
        this.runtime = runtime;
        this.retransmissions = retransmissions;
    }

    /** Wraps an engine so every retransmitted request (a fired RETRANSMIT timer that sent a datagram) is counted. */
    public static InputHandler countingRetransmissions(InputHandler engine, LongAdder counter) {
        return input -> {
            List<EngineOutput> out = engine.handle(input);
            if (input instanceof EngineInput.TimerFired t && t.timer().kind() == TimerId.TimerKind.RETRANSMIT
                    && out.stream().anyMatch(EngineOutput.SendDatagram.class::isInstance)) {
                counter.increment();
            }
            return out;
        };
    }

    public BenchResult run(BenchPlan plan, Consumer<String> progress) throws InterruptedException {
        long retransmitsBefore = retransmissions.sum();
        SaEventListener listener = event -> onEvent(plan, event);
        runtime.addListener(listener);
        AtomicInteger established = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger timedOut = new AtomicInteger();
        Map<String, Integer> reasons = new ConcurrentHashMap<>();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>(plan.count()));
        Semaphore slots = new Semaphore(plan.concurrency());
        long start = System.nanoTime();
        try (ExecutorService attempts = Executors.newVirtualThreadPerTaskExecutor();
             var ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory())) {
            ticker.scheduleAtFixedRate(() -> progress.accept(progressLine(plan, established.get(), failed.get(),
                    timedOut.get(), System.nanoTime() - start)), 1, 1, TimeUnit.SECONDS);
            for (int i = 0; i < plan.count(); i++) {
                slots.acquire();
                attempts.execute(() -> {
                    try {
                        attempt(plan, established, failed, timedOut, reasons, latencies);
                    } finally {
                        slots.release();
                    }
                });
            }
            attempts.shutdown();
            attempts.awaitTermination(365, TimeUnit.DAYS);
            ticker.shutdownNow();
        } finally {
            runtime.removeListener(listener);
            outcomes.clear();
        }
        long elapsed = System.nanoTime() - start;
        long[] nanos = latencies.stream().mapToLong(Long::longValue).toArray();
        return new BenchResult(plan, established.get(), failed.get(), timedOut.get(), Duration.ofNanos(elapsed),
                LatencyStats.of(nanos), retransmissions.sum() - retransmitsBefore, reasons);
    }

    private void attempt(BenchPlan plan, AtomicInteger established, AtomicInteger failed, AtomicInteger timedOut,
                         Map<String, Integer> reasons, List<Long> latencies) {
        long begin = System.nanoTime();
        Optional<Long> ikeSaId;
        try {
            List<EngineOutput> out = runtime.initiateNewIkeSa(plan.connection(), plan.child())
                    .get(plan.timeout().toMillis(), TimeUnit.MILLISECONDS);
            ikeSaId = ikeSaIdOf(out);
        } catch (ExecutionException | TimeoutException e) {
            failed.incrementAndGet();
            reasons.merge("initiation refused: " + (e.getCause() == null ? e : e.getCause()), 1, Integer::sum);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (ikeSaId.isEmpty()) { // the engine started nothing (e.g. unknown connection)
            failed.incrementAndGet();
            reasons.merge("the engine started no IKE SA for " + plan.connection(), 1, Integer::sum);
            return;
        }
        long id = ikeSaId.get();
        CompletableFuture<Outcome> outcome = outcomes.computeIfAbsent(id, k -> new CompletableFuture<>());
        try {
            long left = plan.timeout().toNanos() - (System.nanoTime() - begin);
            Outcome o = outcome.get(Math.max(left, 1), TimeUnit.NANOSECONDS);
            if (o.established()) {
                established.incrementAndGet();
                latencies.add(o.atNanos() - begin);
                if (plan.deleteAfter()) runtime.terminateIke(id);
            } else {
                failed.incrementAndGet();
                reasons.merge(o.reason(), 1, Integer::sum);
            }
        } catch (TimeoutException e) {
            timedOut.incrementAndGet();
            runtime.terminateIke(id);
        } catch (ExecutionException e) {
            failed.incrementAndGet();
            reasons.merge(String.valueOf(e.getCause()), 1, Integer::sum);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            outcomes.remove(id);
        }
    }

    /** The engine names the new IKE SA in the timers it arms for the first request (retransmission, half-open). */
    static Optional<Long> ikeSaIdOf(List<EngineOutput> outputs) {
        return outputs.stream().filter(EngineOutput.StartTimer.class::isInstance)
                .map(o -> ((EngineOutput.StartTimer) o).id().ikeSaId()).filter(id -> id != 0).findFirst();
    }

    private void onEvent(BenchPlan plan, SaEvent event) {
        if (!event.connection().equals(plan.connection())) return;
        long now = System.nanoTime();
        Outcome o = switch (event) {
            case SaEvent.ChildSaEstablished c when plan.child() == null || c.child().equals(plan.child()) ->
                    new Outcome(true, "", now);
            case SaEvent.IkeSaEstablished e when plan.child() == null -> new Outcome(true, "", now);
            case SaEvent.IkeSaFailed f -> new Outcome(false, f.reason(), now);
            case SaEvent.ChildSaFailed f -> new Outcome(false, "CHILD_SA: " + f.reason(), now);
            case SaEvent.IkeSaClosed c -> new Outcome(false, "closed before it was up: " + c.reason(), now);
            default -> null;
        };
        if (o == null) return;
        if (event instanceof SaEvent.IkeSaClosed) {
            // a close only concerns an attempt still waiting (SAs we deleted are no longer tracked)
            CompletableFuture<Outcome> waiting = outcomes.get(event.ikeSaId());
            if (waiting != null) waiting.complete(o);
            return;
        }
        // an outcome may arrive before initiate() has told us the SA's id; the first one wins
        outcomes.computeIfAbsent(event.ikeSaId(), k -> new CompletableFuture<>()).complete(o);
    }

    private static String progressLine(BenchPlan plan, int established, int failed, int timedOut, long nanos) {
        double s = nanos / 1e9;
        return String.format(java.util.Locale.ROOT, "%6.1f s  established %d/%d  failed %d  timed out %d  %.1f/s",
                s, established, plan.count(), failed, timedOut, s > 0 ? established / s : 0);
    }
}
