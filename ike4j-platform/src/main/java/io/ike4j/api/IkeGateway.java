package io.ike4j.api;

import io.ike4j.core.config.AuthConfig;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.engine.SaEvent;
import io.ike4j.platform.dataplane.DataPlane;
import io.ike4j.platform.dataplane.InMemoryDataPlane;
import io.ike4j.platform.net.TransportConfig;
import io.ike4j.platform.net.UdpTransport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * A responder embedded in the application: listens on the IKE and NAT-T ports, accepts peers that authenticate
 * with their pre-shared key and installs their CHILD_SAs in its data plane. Any number of peers at once.
 */
public final class IkeGateway implements AutoCloseable {
    private final EngineStack stack;
    private final String connection;
    private final Executor callbacks;
    private final IkeGatewayListener listener;
    private volatile boolean closed;

    private IkeGateway(EngineStack stack, String connection, Executor callbacks, IkeGatewayListener listener) {
        this.stack = stack;
        this.connection = connection;
        this.callbacks = callbacks;
        this.listener = listener;
    }

    /** Starts a gateway with an in-memory data plane; listener calls run in order on virtual threads. */
    public static IkeGateway start(IkeGatewayParams params, IkeGatewayListener listener) throws IkeException {
        return start(params, null, listener, null);
    }

    /**
     * @param executor  where listener calls run (one at a time, in order); null for virtual threads
     * @param dataPlane where CHILD_SAs go; null for a new {@link InMemoryDataPlane} owned by the gateway
     */
    public static IkeGateway start(IkeGatewayParams params, Executor executor, IkeGatewayListener listener,
                                   DataPlane dataPlane) throws IkeException {
        TransportConfig tc = new TransportConfig(params.localPort(), params.localNatTraversalPort(),
                params.localAddress().map(List::of).orElse(List.of()));
        boolean owns = dataPlane == null;
        EngineStack stack = EngineStack.start(tc, t -> engineConfig(params, t), owns ? new InMemoryDataPlane() : dataPlane, owns);
        Executor serial = executor == null ? SerialExecutor.onVirtualThreads() : new SerialExecutor(executor);
        IkeGateway gateway = new IkeGateway(stack, params.connectionName(), serial, listener);
        stack.runtime.addListener(gateway::onEvent);
        return gateway;
    }

    private static EngineConfig engineConfig(IkeGatewayParams p, UdpTransport transport) {
        ConnectionConfig.Builder c = ConnectionConfig.builder(p.connectionName())
                .localAddrs(p.localAddress().map(EngineStack::literal).orElse("%any"))
                .remoteAddrs("%any")
                .localPort(transport.ikePort())
                .ikeProposals(p.ikeProposals().toArray(String[]::new))
                .local(AuthConfig.psk(p.localIdentity().orElse(null)))
                .remote(AuthConfig.pskDefault())
                .child(p.child().toChildConfig())
                .dpdDelay(p.dpdDelay());
        EngineConfig.Builder b = EngineConfig.builder().connection(c.build()).settings(p.retransmission().toSettings(transport));
        p.secrets().forEach(b::secret);
        return b.build();
    }

    private void onEvent(SaEvent event) {
        if (!event.connection().equals(connection)) return;
        switch (event) {
            case SaEvent.IkeSaEstablished e -> {
                IkeSessionConfiguration c = IkeSessionConfiguration.of(e.info());
                callbacks.execute(() -> listener.onIkeSessionOpened(c));
            }
            case SaEvent.ChildSaEstablished e -> {
                ChildSessionConfiguration c = ChildSessionConfiguration.of(e.ikeSaId(), e.info());
                callbacks.execute(() -> listener.onChildSessionOpened(c));
            }
            case SaEvent.ChildSaRekeyed e -> {
                ChildSessionConfiguration c = ChildSessionConfiguration.of(e.ikeSaId(), e.info());
                callbacks.execute(() -> listener.onChildSessionRekeyed(e.oldChildSaId(), c));
            }
            case SaEvent.IkeSaRekeyed e -> {
                IkeSessionConfiguration c = IkeSessionConfiguration.of(e.info());
                callbacks.execute(() -> listener.onIkeSessionRekeyed(e.oldIkeSaId(), c, e.reauthenticated()));
            }
            case SaEvent.ChildSaClosed e -> callbacks.execute(() -> listener.onChildSessionClosed(e.ikeSaId(), e.childSaId(), e.reason()));
            case SaEvent.ChildSaFailed e -> callbacks.execute(() -> listener.onChildSessionFailed(e.ikeSaId(),
                    IkeException.fromFailure(e.notifyType(), e.reason())));
            case SaEvent.IkeSaUpdated e -> { }
            case SaEvent.IkeSaClosed e -> callbacks.execute(() -> listener.onIkeSessionClosed(e.ikeSaId(), e.reason()));
            case SaEvent.IkeSaFailed e -> callbacks.execute(() -> listener.onIkeSessionFailed(e.ikeSaId(),
                    IkeException.fromFailure(e.notifyType(), e.reason())));
        }
    }

    /** The IKE endpoint on the configured address (or the first bound one). */
    public Endpoint ikeEndpoint() {
        int port = stack.transport.ikePort();
        return stack.transport.localEndpoints().stream().filter(e -> e.port() == port).findFirst().orElseThrow();
    }

    public List<Endpoint> localEndpoints() {
        return stack.transport.localEndpoints();
    }

    /** The IKE SAs the gateway holds, as session configurations. */
    public List<IkeSessionConfiguration> sessions() {
        return stack.engine.listSas().stream().map(IkeSessionConfiguration::of).toList();
    }

    /** Every IKE SA the engine holds, with its CHILD_SAs (as {@code list-sas} shows them). */
    public List<io.ike4j.core.engine.IkeSaInfo> listSas() {
        return stack.engine.listSas();
    }

    public DataPlane dataPlane() {
        return stack.dataPlane;
    }

    /** Deletes all SAs (informing the peers, waiting at most 5 s for them) and releases the sockets. */
    @Override
    public void close() {
        close(IkeSession.DEFAULT_CLOSE_TIMEOUT);
    }

    public void close(Duration timeout) {
        if (closed) return;
        closed = true;
        stack.runtime.shutdown();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!stack.engine.listSas().isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stack.close();
    }
}
