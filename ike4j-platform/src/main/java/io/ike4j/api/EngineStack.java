package io.ike4j.api;

import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.crypto.RandomSource;
import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.engine.Engine;
import io.ike4j.core.engine.EngineContext;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.platform.dataplane.DataPlane;
import io.ike4j.platform.net.DatagramHandler;
import io.ike4j.platform.net.EspSink;
import io.ike4j.platform.net.TransportConfig;
import io.ike4j.platform.net.UdpTransport;
import io.ike4j.platform.runtime.EngineRuntime;
import java.io.IOException;
import java.net.InetAddress;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Function;

/**
 * One embedded IKE endpoint: UDP transport, an engine with its own configuration, the runtime driving it and a
 * data plane. The transport is bound first because the engine's configuration needs its (possibly ephemeral) ports.
 */
final class EngineStack implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("io.ike4j.engine");

    final UdpTransport transport;
    final Engine engine;
    final EngineRuntime runtime;
    final DataPlane dataPlane;
    private final boolean ownsDataPlane;

    private EngineStack(UdpTransport transport, Engine engine, EngineRuntime runtime, DataPlane dataPlane, boolean owns) {
        this.transport = transport;
        this.engine = engine;
        this.runtime = runtime;
        this.dataPlane = dataPlane;
        this.ownsDataPlane = owns;
    }

    /** Datagrams that arrive before the runtime exists are dropped (nobody could have sent them to us yet). */
    private static final class Forwarder implements DatagramHandler {
        volatile DatagramHandler target;

        @Override
        public void onIkeDatagram(Endpoint local, Endpoint remote, byte[] data) {
            DatagramHandler t = target;
            if (t != null) t.onIkeDatagram(local, remote, data);
        }
    }

    static EngineStack start(TransportConfig transportConfig, Function<UdpTransport, EngineConfig> configure,
                             DataPlane dataPlane, boolean ownsDataPlane) throws IkeException {
        Forwarder forwarder = new Forwarder();
        UdpTransport transport;
        try {
            transport = UdpTransport.open(transportConfig, forwarder, EspSink.DROP);
        } catch (IOException e) {
            throw new IkeInternalException("cannot open IKE sockets: " + e.getMessage(), e);
        }
        try {
            EngineConfig config = configure.apply(transport);
            Engine engine = Engine.create(new EngineContext(config, InstantSource.system(), RandomSource.secure(),
                    EngineStack::log, Optional.empty(), UdpTransport.sourceAddressSelector()));
            EngineRuntime runtime = new EngineRuntime(engine::handle, transport, dataPlane, InstantSource.system());
            forwarder.target = runtime;
            return new EngineStack(transport, engine, runtime, dataPlane, ownsDataPlane);
        } catch (RuntimeException e) {
            transport.close();
            throw new IkeInternalException("invalid configuration: " + e.getMessage(), e);
        }
    }

    private static void log(EngineLog.Subsystem subsystem, String connection, long ikeSaId, String message) {
        LOG.log(System.Logger.Level.DEBUG, "{0} {1}[{2}] {3}", subsystem, connection, ikeSaId, message);
    }

    /** An address as a strongSwan address entry (no IPv6 scope suffix). */
    static String literal(InetAddress a) {
        String s = a.getHostAddress();
        int pct = s.indexOf('%');
        return pct < 0 ? s : s.substring(0, pct);
    }

    @Override
    public void close() {
        runtime.close();
        transport.close();
        if (ownsDataPlane) dataPlane.close();
    }
}
