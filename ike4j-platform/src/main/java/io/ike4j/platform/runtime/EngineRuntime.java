package io.ike4j.platform.runtime;

import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.engine.EngineInput;
import io.ike4j.core.engine.EngineOutput;
import io.ike4j.core.engine.SaEvent;
import io.ike4j.core.engine.TimerId;
import io.ike4j.platform.dataplane.DataPlane;
import io.ike4j.platform.dataplane.DataPlaneException;
import io.ike4j.platform.net.DatagramHandler;
import io.ike4j.platform.net.DatagramSender;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Drives an engine: every input (datagram, fired timer, command) is handled on its own virtual thread, and the
 * outputs are carried out in order on that same thread: datagrams go to the transport, timers to the
 * {@link TimerScheduler}, CHILD_SAs to the {@link DataPlane}, events to the listeners. The runtime holds no lock
 * across inputs, so one SA never waits for another (the engine serializes each SA's own inputs).
 */
public final class EngineRuntime implements DatagramHandler, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EngineRuntime.class.getName());
    /** How the reason of a {@link SaEvent.ChildSaFailed} for a CHILD_SA the data plane refused begins. */
    public static final String INSTALL_FAILED = "installing the CHILD_SA failed: ";

    private final InputHandler engine;
    private final DatagramSender sender;
    private final DataPlane dataPlane;
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("ike4j-engine-", 0).factory());
    private final TimerScheduler timers;
    private final List<SaEventListener> listeners = new CopyOnWriteArrayList<>();
    private final LongAdder failures = new LongAdder();
    private final FailedInstalls failedInstalls = new FailedInstalls();
    private volatile boolean closed;

    public EngineRuntime(InputHandler engine, DatagramSender sender, DataPlane dataPlane, InstantSource clock) {
        this.engine = engine;
        this.sender = sender;
        this.dataPlane = dataPlane;
        this.timers = new TimerScheduler(clock, workers::execute, this::fire);
        dataPlane.acquireListener((connection, child) -> submit(new EngineInput.Acquire(connection, child)));
    }

    public void addListener(SaEventListener listener) {
        listeners.add(listener);
    }

    public void removeListener(SaEventListener listener) {
        listeners.remove(listener);
    }

    /** From the transport: hands the datagram to the engine on a fresh virtual thread. */
    @Override
    public void onIkeDatagram(Endpoint local, Endpoint remote, byte[] data) {
        submit(new EngineInput.DatagramReceived(local, remote, data));
    }

    /**
     * Handles one input asynchronously. The future completes with the engine's outputs once they have all been
     * carried out (exceptionally if the engine threw or the runtime is closed).
     */
    public CompletableFuture<List<EngineOutput>> submit(EngineInput input) {
        CompletableFuture<List<EngineOutput>> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new RejectedExecutionException("runtime closed"));
            return done;
        }
        try {
            workers.execute(() -> {
                try {
                    done.complete(run(input));
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    public CompletableFuture<List<EngineOutput>> initiate(String connection, String child) {
        return submit(new EngineInput.Initiate(connection, child));
    }

    /** Like {@link #initiate(String, String)} but always with a new IKE SA (load generation). */
    public CompletableFuture<List<EngineOutput>> initiateNewIkeSa(String connection, String child) {
        return submit(new EngineInput.Initiate(connection, child, true));
    }

    public CompletableFuture<List<EngineOutput>> terminateIke(long ikeSaId) {
        return submit(new EngineInput.TerminateIke(ikeSaId));
    }

    public CompletableFuture<List<EngineOutput>> terminateChild(long ikeSaId, long childSaId) {
        return submit(new EngineInput.TerminateChild(ikeSaId, childSaId));
    }

    /** The host's local addresses changed (MOBIKE, RFC 4555): the complete current list. */
    public CompletableFuture<List<EngineOutput>> localAddressesChanged(List<java.net.InetAddress> addresses) {
        return submit(new EngineInput.LocalAddressesChanged(addresses));
    }

    /** Redirects the peer of an established IKE SA to {@code gateway} (RFC 5685 5). */
    public CompletableFuture<List<EngineOutput>> redirect(long ikeSaId, String gateway) {
        return submit(new EngineInput.Redirect(ikeSaId, gateway));
    }

    /** Asks the engine to delete every SA (informing peers); the runtime keeps running until {@link #close()}. */
    /** Carries out every CHILD's start_action (after loading the configuration). */
    public CompletableFuture<List<EngineOutput>> applyStartActions() {
        return submit(new EngineInput.ApplyStartActions());
    }

    public CompletableFuture<List<EngineOutput>> shutdown() {
        return submit(new EngineInput.Shutdown());
    }

    private void fire(TimerId id) {
        try {
            run(new EngineInput.TimerFired(id));
        } catch (RuntimeException e) {
            // already logged and counted by run()
        }
    }

    private List<EngineOutput> run(EngineInput input) {
        List<EngineOutput> outputs;
        try {
            outputs = engine.handle(input);
        } catch (RuntimeException e) { // an engine bug must not take the runtime down
            failures.increment();
            LOG.log(System.Logger.Level.ERROR, "engine failed on " + input, e);
            throw e;
        }
        applyTimers(outputs);
        List<EngineOutput.InstallChildSa> refused = new java.util.ArrayList<>(0);
        for (EngineOutput output : outputs) {
            if (output instanceof EngineOutput.StartTimer || output instanceof EngineOutput.CancelTimer) continue;
            try {
                if (output instanceof EngineOutput.InstallChildSa i) {
                    if (!install(i)) refused.add(i);
                } else {
                    execute(output);
                }
            } catch (RuntimeException e) {
                failures.increment();
                LOG.log(System.Logger.Level.ERROR, "carrying out " + output + " failed", e);
            }
        }
        // only after this input's messages went out (e.g. the IKE_AUTH response), so the peer knows the SA it deletes
        for (EngineOutput.InstallChildSa i : refused) terminateChild(i.spec().ikeSaId(), i.spec().childSaId());
        return outputs;
    }

    private void execute(EngineOutput output) {
        switch (output) {
            case EngineOutput.SendDatagram d -> sender.sendIke(d.local(), d.remote(), d.data());
            case EngineOutput.SendKeepalive k -> sender.sendKeepalive(k.local(), k.remote());
            case EngineOutput.StartTimer t -> {
                if (!closed) timers.start(t.id(), t.deadline());
            }
            case EngineOutput.CancelTimer t -> timers.cancel(t.id());
            case EngineOutput.InstallChildSa i -> {
                if (!install(i)) terminateChild(i.spec().ikeSaId(), i.spec().childSaId());
            }
            case EngineOutput.RemoveChildSa r -> {
                if (!dataPlane.remove(r.ikeSaId(), r.childSaId(), r.inboundSpi(), r.outboundSpi())) {
                    LOG.log(System.Logger.Level.DEBUG, "CHILD_SA {0}/{1} was not installed", r.ikeSaId(), r.childSaId());
                }
            }
            case EngineOutput.ActivateOutbound a -> {
                if (!dataPlane.activateOutbound(a.ikeSaId(), a.childSaId(), a.inboundSpi())) {
                    LOG.log(System.Logger.Level.DEBUG, "CHILD_SA {0}/{1}: outbound stays deferred until the old SA goes",
                            Long.toString(a.ikeSaId()), Long.toString(a.childSaId()));
                }
            }
            case EngineOutput.UpdateChildSa u -> {
                if (!dataPlane.updateEndpoints(u.ikeSaId(), u.childSaId(), u.inboundSpi(), u.outboundSpi(), u.local(),
                        u.remote(), u.udpEncapsulation())) {
                    LOG.log(System.Logger.Level.WARNING, "CHILD_SA {0}/{1} could not be moved to {2} - {3}",
                            Long.toString(u.ikeSaId()), Long.toString(u.childSaId()), u.local(), u.remote());
                }
            }
            case EngineOutput.VirtualIp v -> virtualIp(v);
            case EngineOutput.Notify n -> notifyListeners(n.event());
            case EngineOutput.InstallTrap t -> {
                try {
                    if (!dataPlane.installTrap(t.trap())) {
                        LOG.log(System.Logger.Level.WARNING, "the data plane cannot trap {0}", t.trap().key());
                    }
                } catch (DataPlaneException e) {
                    failures.increment();
                    LOG.log(System.Logger.Level.ERROR, "installing trap {0} failed: {1}", t.trap().key(), e.getMessage());
                }
            }
            case EngineOutput.RemoveTrap t -> dataPlane.removeTrap(t.trap());
        }
    }

    /**
     * Timer operations of one input take effect together, last one per id winning: a timer started and cancelled
     * (or re-armed) in the same batch never fires in between. A cancel racing an expiry from another input can still
     * deliver a stale {@link EngineInput.TimerFired}; the engine ignores timers it no longer knows.
     */
    private void applyTimers(List<EngineOutput> outputs) {
        java.util.Map<TimerId, EngineOutput> last = new java.util.LinkedHashMap<>();
        for (EngineOutput o : outputs) {
            switch (o) {
                case EngineOutput.StartTimer t -> { last.remove(t.id()); last.put(t.id(), t); }
                case EngineOutput.CancelTimer t -> { last.remove(t.id()); last.put(t.id(), t); }
                default -> { }
            }
        }
        for (EngineOutput o : last.values()) {
            try {
                execute(o);
            } catch (RuntimeException e) {
                failures.increment();
                LOG.log(System.Logger.Level.ERROR, "carrying out " + o + " failed", e);
            }
        }
    }

    private void virtualIp(EngineOutput.VirtualIp v) {
        if (!v.add()) {
            dataPlane.removeVirtualIp(v.address());
            return;
        }
        try {
            dataPlane.addVirtualIp(v.address(), v.peer());
        } catch (DataPlaneException e) {
            failures.increment();
            LOG.log(System.Logger.Level.ERROR, "installing virtual IP {0} failed: {1}", v.address().getHostAddress(),
                    e.getMessage());
        }
    }

    /**
     * Installs a CHILD_SA; false if the data plane refused it. A refused CHILD_SA is reported as failed to the
     * listeners (never as established) and deleted with the peer by the caller.
     */
    private boolean install(EngineOutput.InstallChildSa i) {
        try {
            dataPlane.install(i.spec(), i.outboundDeferred());
            return true;
        } catch (DataPlaneException e) {
            failures.increment();
            failedInstalls.add(i.spec().ikeSaId(), i.spec().childSaId(), e.getMessage());
            LOG.log(System.Logger.Level.ERROR, "installing CHILD_SA {0}/{1} ({2}/{3}) failed: {4}; deleting it",
                    i.spec().ikeSaId(), i.spec().childSaId(), i.spec().connection(), i.spec().child(), e.getMessage());
            return false;
        } finally {
            // the data plane keeps its own copy; the engine does not keep the spec
            i.spec().inbound().wipe();
            i.spec().outbound().wipe();
        }
    }

    private void notifyListeners(SaEvent original) {
        SaEvent event = failedInstalls.rewrite(original);
        for (SaEventListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "SA event listener failed on " + event, e);
            }
        }
    }

    /** Whether a timer is armed (for diagnostics and tests). */
    public boolean isTimerArmed(TimerId id) {
        return timers.isArmed(id);
    }

    public int pendingTimers() {
        return timers.pending();
    }

    /** Engine exceptions, failed output executions and data plane refusals so far. */
    public long failures() {
        return failures.sum();
    }

    /** Stops the timers and waits (briefly) for inputs in progress. Does not close the transport or data plane. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        timers.close();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) workers.shutdownNow();
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
