package io.ike4j.api;

import io.ike4j.core.config.AuthConfig;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.config.SharedSecret;
import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.engine.SaEvent;
import io.ike4j.platform.dataplane.DataPlane;
import io.ike4j.platform.dataplane.InMemoryDataPlane;
import io.ike4j.platform.net.TransportConfig;
import io.ike4j.platform.net.UdpTransport;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An IKE session initiated to a gateway, with one CHILD_SA, in the spirit of Android's {@code IkeSession}:
 * {@link #open} starts negotiating at once and reports through the callbacks; {@link #close()} deletes the SAs
 * (informing the peer) and releases the sockets. Each session has its own engine, sockets and data plane.
 */
public final class IkeSession implements AutoCloseable {
    /** How long {@link #close()} waits for the peer to acknowledge the deletion. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final EngineStack stack;
    private final String connection;
    private final Executor callbacks;
    private final IkeSessionCallback ikeCallback;
    private final ChildSessionCallback childCallback;
    private final AtomicBoolean ikeDone = new AtomicBoolean();
    private final AtomicBoolean childDone = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile long ikeSaId;
    private volatile long childSaId;
    /** The IKE SA the session's CHILD_SA belongs to (a new one after reauthentication). */
    private volatile long childIkeSaId;
    private volatile IkeSessionConfiguration configuration;
    private volatile boolean childOpened;

    private IkeSession(EngineStack stack, String connection, Executor callbacks, IkeSessionCallback ikeCallback,
                       ChildSessionCallback childCallback) {
        this.stack = stack;
        this.connection = connection;
        this.callbacks = callbacks;
        this.ikeCallback = ikeCallback;
        this.childCallback = childCallback;
    }

    /** Opens a session with an in-memory data plane; callbacks run in order on virtual threads. */
    public static IkeSession open(IkeSessionParams ike, ChildSessionParams child, IkeSessionCallback ikeCallback,
                                  ChildSessionCallback childCallback) throws IkeException {
        return open(ike, child, null, ikeCallback, childCallback, null);
    }

    /**
     * Opens a session and starts the IKE_SA_INIT exchange.
     *
     * @param executor    where callbacks run (one at a time, in order); null for virtual threads
     * @param dataPlane   where the CHILD_SA is installed; null for a new {@link InMemoryDataPlane} owned by the session
     * @throws IkeException if the sockets cannot be opened or the parameters do not make a valid configuration
     */
    public static IkeSession open(IkeSessionParams ike, ChildSessionParams child, Executor executor,
                                  IkeSessionCallback ikeCallback, ChildSessionCallback childCallback,
                                  DataPlane dataPlane) throws IkeException {
        InetAddress local = ike.localAddress().or(() -> UdpTransport.sourceAddressFor(ike.serverAddress()))
                .orElseThrow(() -> new IkeInternalException("no route to " + ike.serverAddress().getHostAddress()));
        TransportConfig tc = new TransportConfig(ike.localPort(), ike.localNatTraversalPort(), List.of(local));
        boolean owns = dataPlane == null;
        EngineStack stack = EngineStack.start(tc, t -> engineConfig(ike, child, local, t),
                owns ? new InMemoryDataPlane() : dataPlane, owns);
        Executor serial = executor == null ? SerialExecutor.onVirtualThreads() : new SerialExecutor(executor);
        IkeSession session = new IkeSession(stack, ike.connectionName(), serial, ikeCallback, childCallback);
        stack.runtime.addListener(session::onEvent);
        stack.runtime.initiate(ike.connectionName(), child.name()).exceptionally(e -> {
            session.fail(new IkeInternalException("initiating failed: " + e.getMessage(), e));
            return List.of();
        });
        return session;
    }

    private static EngineConfig engineConfig(IkeSessionParams ike, ChildSessionParams child, InetAddress local,
                                             UdpTransport transport) {
        byte[] psk = ike.psk();
        try {
            ConnectionConfig.Builder c = ConnectionConfig.builder(ike.connectionName())
                    .localAddrs(EngineStack.literal(local))
                    .remoteAddrs(EngineStack.literal(ike.serverAddress()))
                    .localPort(transport.ikePort())
                    .remotePort(ike.serverPort())
                    .ikeProposals(ike.ikeProposals().toArray(String[]::new))
                    .local(AuthConfig.psk(ike.localIdentity().orElse(null)))
                    .remote(AuthConfig.psk(ike.remoteIdentity().orElse(null)))
                    .child(child.toChildConfig())
                    .rekeyTime(ike.rekeyTime())
                    .dpdDelay(ike.dpdDelay())
                    .encap(ike.forceEncapsulation());
            return EngineConfig.builder().connection(c.build()).secret(new SharedSecret(psk, List.of()))
                    .settings(ike.retransmission().toSettings(transport)).build();
        } finally {
            java.util.Arrays.fill(psk, (byte) 0);
        }
    }

    private void onEvent(SaEvent event) {
        if (!event.connection().equals(connection)) return;
        switch (event) {
            case SaEvent.IkeSaEstablished e -> {
                ikeSaId = e.ikeSaId();
                if (configuration == null) {
                    configuration = IkeSessionConfiguration.of(e.info());
                    IkeSessionConfiguration c = configuration;
                    callbacks.execute(() -> ikeCallback.onOpened(c));
                }
            }
            case SaEvent.ChildSaEstablished e -> {
                // rekeys (same IKE SA) are followed through ChildSaRekeyed; reauthentication brings a new IKE SA
                if (childSaId == 0 || e.ikeSaId() != childIkeSaId) {
                    childSaId = e.childSaId();
                    childIkeSaId = e.ikeSaId();
                }
                if (!childOpened && !childDone.get()) {
                    childOpened = true;
                    ChildSessionConfiguration c = ChildSessionConfiguration.of(e.ikeSaId(), e.info());
                    callbacks.execute(() -> childCallback.onOpened(c));
                }
            }
            case SaEvent.ChildSaRekeyed e -> {
                if (e.oldChildSaId() != childSaId) return;
                childSaId = e.newChildSaId();
                ChildSessionConfiguration c = ChildSessionConfiguration.of(e.ikeSaId(), e.info());
                if (!childDone.get()) callbacks.execute(() -> childCallback.onRekeyed(c));
            }
            case SaEvent.IkeSaRekeyed e -> {
                if (ikeSaId != 0 && e.oldIkeSaId() != ikeSaId && e.ikeSaId() != ikeSaId) return;
                ikeSaId = e.ikeSaId();
                configuration = IkeSessionConfiguration.of(e.info());
                IkeSessionConfiguration c = configuration;
                callbacks.execute(() -> ikeCallback.onRekeyed(c, e.reauthenticated()));
            }
            case SaEvent.ChildSaFailed e -> finishChild(IkeException.fromFailure(e.notifyType(), e.reason()));
            case SaEvent.ChildSaClosed e -> {
                if (e.childSaId() == childSaId) finishChild(null);
            }
            case SaEvent.IkeSaUpdated e -> { }
            case SaEvent.IkeSaFailed e -> {
                // our own close() aborting the setup is a clean close, not a failure
                if (closing.get() && e.notifyType() == 0) finish(null);
                else fail(IkeException.fromFailure(e.notifyType(), e.reason()));
            }
            case SaEvent.IkeSaClosed e -> {
                if (ikeSaId != 0 && e.ikeSaId() != ikeSaId) return; // an old SA replaced by a rekeyed one
                IkeException why = IkeException.fromFailure(0, e.reason());
                if (closing.get()) finish(null);
                else if (configuration == null) fail(new IkeInternalException("IKE SA closed before it was established: " + e.reason()));
                else if (why instanceof IkeTimeoutException) fail(why); // dead peer (RFC 7296 2.4)
                else finish(null);
            }
        }
    }

    private void finishChild(IkeException failure) {
        if (!childDone.compareAndSet(false, true)) return;
        callbacks.execute(() -> {
            if (failure == null) childCallback.onClosed();
            else childCallback.onClosedExceptionally(failure);
        });
    }

    private void fail(IkeException failure) {
        finish(failure);
    }

    /** Ends the session exactly once: child first, then IKE, then the sockets (off the runtime's threads). */
    private void finish(IkeException failure) {
        finishChild(failure);
        if (!ikeDone.compareAndSet(false, true)) return;
        callbacks.execute(() -> {
            if (failure == null) ikeCallback.onClosed();
            else ikeCallback.onClosedExceptionally(failure);
        });
        Thread.ofVirtual().name("ike4j-session-teardown").start(() -> {
            stack.close();
            terminated.countDown();
        });
    }

    /** The agreed IKE configuration once established. */
    public Optional<IkeSessionConfiguration> configuration() {
        return Optional.ofNullable(configuration);
    }

    /** Where the CHILD_SA was installed. */
    public DataPlane dataPlane() {
        return stack.dataPlane;
    }

    /** Our IKE endpoint (address and the bound port). */
    public Endpoint localEndpoint() {
        return stack.transport.localEndpoints().getFirst();
    }

    /** Deletes the SAs (informing the peer) and releases everything, waiting at most {@link #DEFAULT_CLOSE_TIMEOUT}. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    public void close(Duration timeout) {
        if (closing.compareAndSet(false, true) && !ikeDone.get()) {
            long id = ikeSaId;
            if (id != 0) stack.runtime.terminateIke(id);
            else stack.runtime.shutdown();
        }
        try {
            if (!terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) finish(null); // peer silent: tear down anyway
            terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
