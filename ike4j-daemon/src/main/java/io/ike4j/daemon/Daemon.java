package io.ike4j.daemon;

import io.ike4j.core.engine.ChildSaInfo;
import io.ike4j.core.engine.IkeSaInfo;
import io.ike4j.core.engine.SaEvent;
import io.ike4j.daemon.config.ConfigResult;
import io.ike4j.daemon.config.Diagnostic;
import io.ike4j.daemon.config.SwanctlConfig;
import io.ike4j.daemon.config.CoreConfigValidator;
import io.ike4j.daemon.config.SwanctlConfigLoader;
import io.ike4j.daemon.control.ConnectionSummary;
import io.ike4j.daemon.control.ControlHandler;
import io.ike4j.daemon.control.ControlResult;
import io.ike4j.daemon.control.ControlServer;
import io.ike4j.daemon.control.SaJson;
import io.ike4j.daemon.control.StatsSnapshot;
import io.ike4j.daemon.log.DaemonLog;
import io.ike4j.daemon.log.KeyLogWriter;
import io.ike4j.daemon.log.SaEventLog;
import io.ike4j.daemon.log.Subsystem;
import io.ike4j.platform.dataplane.DataPlane;
import io.ike4j.platform.net.EspSink;
import io.ike4j.platform.net.TransportConfig;
import io.ike4j.platform.net.TransportCounters;
import io.ike4j.platform.net.UdpTransport;
import io.ike4j.platform.runtime.EngineRuntime;
import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ike4j daemon: swanctl.conf → engine (via {@link SwanctlToEngineConfig}) → {@link EngineRuntime} + {@link UdpTransport}
 * + data plane ({@link DataPlaneSelector}: XFRM, user-space ESP over TUN, or memory) → control socket. Implements the control commands; see {@link DaemonCommands}.
 */
public final class Daemon implements AutoCloseable {
    /** The daemon could not start (bad configuration, ports or socket in use). */
    public static final class StartException extends Exception {
        public StartException(String message) {
            super(message);
        }
    }

    private final DaemonOptions options;
    private final DaemonLog log;
    private final InstantSource clock;
    private final long startedAt;
    private final AtomicReference<SwanctlConfig> config;
    private final EngineBinding engine;
    private final SaTracker tracker = new SaTracker();
    private final DataPlane dataPlane;
    private final KeyLogWriter keylog;
    private final EngineRuntime runtime;
    private final UdpTransport transport;
    private final ControlServer control;
    /** MOBIKE (RFC 4555): notices address changes, rebinds the transport and tells the engine; null if not following interfaces. */
    private final io.ike4j.platform.net.AddressMonitor addresses;
    static final java.time.Duration ADDRESS_POLL = java.time.Duration.ofMillis(500);
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicInteger halfOpen = new java.util.concurrent.atomic.AtomicInteger();

    private Daemon(DaemonOptions options, DaemonLog log, InstantSource clock, SwanctlConfig initial) throws IOException, StartException {
        this.options = options;
        this.log = log;
        this.clock = clock;
        this.startedAt = clock.instant().getEpochSecond();
        this.config = new AtomicReference<>(initial);
        this.keylog = options.keylog().isPresent() ? KeyLogWriter.open(options.keylog().get(), log) : null;
        EngineBinding eng = null;
        EngineRuntime rt = null;
        UdpTransport udp = null;
        ControlServer ctl = null;
        DataPlane plane = null;
        try {
            // The transport binds first: with port 0 the engine must learn the ports actually bound (local_port
            // defaults to the daemon's IKE port, as charon.port in strongSwan). Datagrams that arrive before the
            // runtime exists are dropped, as if they had come a moment earlier.
            AtomicReference<EngineRuntime> target = new AtomicReference<>();
            AtomicReference<EspSink> esp = new AtomicReference<>(EspSink.DROP);
            udp = UdpTransport.open(new TransportConfig(options.ikePort(), options.natTraversalPort(), List.of()),
                    (local, remote, data) -> {
                        EngineRuntime r = target.get();
                        if (r != null) r.onIkeDatagram(local, remote, data);
                    }, new ForwardingEspSink(esp));
            log.log(Subsystem.NET, 1, "listening on IKE port " + udp.ikePort() + ", NAT-T port " + udp.natTraversalPort());
            DataPlaneSelector.Selected selected = DataPlaneSelector.select(options, udp, e -> {
                log.log(Subsystem.ESP, e.kind() == io.ike4j.platform.esp.EspEvent.Kind.SOFT_LIFETIME ? 1 : 0, describe(e));
                EngineRuntime r = target.get(); // rekey_bytes/packets: rekey; life_bytes/packets, sequence exhausted: delete
                if (r != null) r.submit(new io.ike4j.core.engine.EngineInput.ChildSaExpired(e.ikeSaId(), e.childSaId(),
                        e.kind() != io.ike4j.platform.esp.EspEvent.Kind.SOFT_LIFETIME));
            });
            plane = selected.plane();
            esp.set(selected.sink());
            log.log(Subsystem.KNL, 0, "data plane: " + selected.description());
            if (DataPlaneSelector.kind(plane) == DaemonOptions.DataPlaneKind.XFRM) {
                try { // RFC 3948: the kernel decapsulates ESP-in-UDP on the NAT-T sockets itself
                    log.log(Subsystem.KNL, 1, "UDP_ENCAP_ESPINUDP set on " + udp.enableKernelEspInUdp() + " NAT-T sockets");
                } catch (IOException e) {
                    log.log(Subsystem.KNL, 0, "cannot hand ESP-in-UDP to the kernel (NAT-T traffic will not flow): " + e.getMessage());
                }
            }
            this.dataPlane = keylog == null ? plane : new KeyLoggingDataPlane(plane, keylog);
            this.dataPlane.expiryListener((ikeSaId, childSaId, hard) -> { // kernel (XFRM) lifetimes
                log.log(Subsystem.KNL, hard ? 0 : 1, "CHILD_SA " + ikeSaId + "/" + childSaId + " reached its "
                        + (hard ? "hard" : "soft") + " lifetime in the kernel");
                EngineRuntime r = target.get(); // soft: rekey; hard: delete
                if (r != null) r.submit(new io.ike4j.core.engine.EngineInput.ChildSaExpired(ikeSaId, childSaId, hard));
            });
            eng = SwanctlToEngineConfig.createEngine(initial, new SwanctlToEngineConfig.Ports(udp.ikePort(), udp.natTraversalPort(), options.retransmit(), options.dos(), options.crypto()),
                    java.util.Optional.ofNullable(options.configFile().toAbsolutePath().getParent()), clock, log, keyLogSink(keylog));
            rt = new EngineRuntime(eng, udp, dataPlane, clock);
            rt.addListener(tracker);
            rt.addListener(e -> { // a CHILD_SA the data plane refused: never listed, deleted with the peer
                if (e instanceof SaEvent.ChildSaFailed f && f.reason().startsWith(EngineRuntime.INSTALL_FAILED)) {
                    log.log(Subsystem.KNL, 0, "<" + f.connection() + "|" + f.ikeSaId() + "> CHILD_SA " + f.child()
                            + " not installed, deleting it: " + f.reason().substring(EngineRuntime.INSTALL_FAILED.length()));
                }
            });
            // SA events are logged by the engine itself (EngineLog); SaEventLog serves initiate's progress stream
            target.set(rt);
            ctl = ControlServer.start(options.socket(), new DaemonCommands(this), line -> log.log(Subsystem.CFG, 1, line), clock);
            log.log(Subsystem.CFG, 1, "control socket unix://" + ctl.path());
        } catch (IOException | StartException | RuntimeException e) {
            if (ctl != null) ctl.close();
            if (rt != null) rt.close();
            if (udp != null) udp.close();
            if (plane != null) plane.close();
            if (keylog != null) keylog.close();
            throw e;
        }
        this.engine = eng;
        this.runtime = rt;
        this.addresses = udp.followsInterfaces() ? monitorAddresses(udp, rt) : null;
        this.transport = udp;
        this.control = ctl;
        rt.applyStartActions(); // start_action = start|trap (strongSwan does it when swanctl loads the connections)
    }

    private io.ike4j.platform.net.AddressMonitor monitorAddresses(UdpTransport udp, EngineRuntime rt) {
        List<java.net.InetAddress> initial;
        try {
            initial = UdpTransport.interfaceAddresses();
        } catch (IOException e) {
            initial = List.of();
        }
        rt.localAddressesChanged(udp.syncAddresses(initial));
        return new io.ike4j.platform.net.AddressMonitor(io.ike4j.platform.net.AddressMonitor.interfaces(), initial, now -> {
            List<java.net.InetAddress> bound = udp.syncAddresses(now);
            log.log(Subsystem.NET, 1, "local addresses changed: " + bound.stream().map(java.net.InetAddress::getHostAddress).toList());
            rt.localAddressesChanged(bound);
        }).start(ADDRESS_POLL);
    }

    private static java.util.Optional<io.ike4j.core.engine.KeyLogSink> keyLogSink(KeyLogWriter keylog) {
        if (keylog == null) return java.util.Optional.empty();
        return java.util.Optional.of((spiI, spiR, encr, bits, skEi, skEr, integ, skAi, skAr)
                -> keylog.ikeSa(spiI, spiR, skEi, skEr, encr, bits, skAi, skAr, integ));
    }

    /** Loads the configuration and starts everything; fails with the configuration's errors (file:line) if any. */
    public static Daemon start(DaemonOptions options, DaemonLog log, InstantSource clock) throws StartException, IOException {
        ConfigResult r = SwanctlConfigLoader.load(options.configFile(), new CoreConfigValidator());
        for (Diagnostic d : r.diagnostics()) log.log(Subsystem.CFG, d.isError() ? 0 : 1, d.toString());
        if (r.hasErrors()) {
            throw new StartException("configuration has errors:\n  " + String.join("\n  ", r.errors().stream().map(Diagnostic::toString).toList()));
        }
        SwanctlConfig cfg = r.config();
        log.log(Subsystem.DMN, 0, "ike4j " + DaemonCommands.VERSION + " starting, " + cfg.connections().size() + " connections loaded");
        log.log(Subsystem.LIB, 1, "crypto providers: " + options.crypto().describe() + " (the JDK's for the rest)");
        return new Daemon(options, log, clock, cfg);
    }

    static java.util.Optional<SwanctlConfig> loadConfig(DaemonOptions options, DaemonLog log) {
        ConfigResult r = SwanctlConfigLoader.load(options.configFile(), new CoreConfigValidator());
        for (Diagnostic d : r.diagnostics()) log.log(Subsystem.CFG, d.isError() ? 0 : 1, d.toString());
        return r.hasErrors() ? java.util.Optional.empty() : java.util.Optional.of(r.config());
    }

    // ---- accessors for DaemonCommands

    DaemonLog log() {
        return log;
    }

    InstantSource clock() {
        return clock;
    }

    SwanctlConfig config() {
        return config.get();
    }

    /** Initiations in progress (our half-open IKE_SAs as far as the daemon can see). */
    java.util.concurrent.atomic.AtomicInteger halfOpen() {
        return halfOpen;
    }

    SaTracker tracker() {
        return tracker;
    }

    EngineBinding engine() {
        return engine;
    }

    EngineRuntime runtime() {
        return runtime;
    }

    DaemonOptions options() {
        return options;
    }

    /** Re-reads swanctl.conf; on errors the running configuration stays. */
    ControlResult reload() {
        var loaded = loadConfig(options, log);
        if (loaded.isEmpty()) return ControlResult.failed(io.ike4j.daemon.control.ErrorCode.FAILED,
                "configuration " + options.configFile() + " has errors; see the daemon log. Running configuration kept");
        SwanctlConfig old = config.getAndSet(loaded.get());
        engine.reconfigure(loaded.get());
        runtime.applyStartActions();
        List<String> before = old.connections().stream().map(c -> c.name()).toList();
        List<String> after = loaded.get().connections().stream().map(c -> c.name()).toList();
        long added = after.stream().filter(n -> !before.contains(n)).count();
        long removed = before.stream().filter(n -> !after.contains(n)).count();
        String msg = "loaded " + after.size() + " connections (" + added + " added, " + removed + " removed)";
        log.log(Subsystem.CFG, 0, msg);
        return ControlResult.ok(msg);
    }

    SaJson.Counters counters(long ikeSaId, long childSaId) {
        return dataPlane.counters(ikeSaId, childSaId)
                .map(c -> new SaJson.Counters(c.inboundBytes(), c.inboundPackets(), c.outboundBytes(), c.outboundPackets()))
                .orElse(SaJson.Counters.ZERO);
    }

    StatsSnapshot stats(int halfOpen) {
        long now = clock.instant().getEpochSecond();
        TransportCounters t = transport.counters();
        long bytesIn = 0, bytesOut = 0, espIn = 0, espOut = 0;
        for (IkeSaInfo sa : tracker.list()) {
            for (ChildSaInfo c : sa.children()) {
                SaJson.Counters n = counters(sa.ikeSaId(), c.childSaId());
                bytesIn += n.bytesIn();
                bytesOut += n.bytesOut();
                espIn += n.packetsIn();
                espOut += n.packetsOut();
            }
        }
        long errors = runtime.failures() + t.malformedDropped() + t.sendErrors() + t.receiveErrors();
        return new StatsSnapshot(now - startedAt, startedAt, tracker.ikeSaCount(), halfOpen + engine.halfOpenCount(), tracker.childSaCount(),
                t.ikeReceived() + t.keepalivesReceived() + espIn, t.ikeSent() + t.keepalivesSent() + espOut, bytesIn, bytesOut,
                0, errors, dataPlane.installedCount());
    }

    /** The UDP ports actually bound (useful with ephemeral ports). */
    public int ikePort() {
        return transport.ikePort();
    }

    public int natTraversalPort() {
        return transport.natTraversalPort();
    }

    public java.nio.file.Path socket() {
        return control.path();
    }

    public ControlHandler controlHandler() {
        return new DaemonCommands(this);
    }

    /** Clean shutdown: deletes every SA with its peer (bounded wait), then stops the control socket, transport and runtime. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        log.log(Subsystem.DMN, 0, "shutting down, deleting " + tracker.ikeSaCount() + " IKE_SAs");
        control.close();
        if (addresses != null) addresses.close();
        try {
            runtime.shutdown().get(5, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (tracker.ikeSaCount() > 0 && System.nanoTime() < deadline) Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.log(Subsystem.DMN, 0, "deleting SAs on shutdown failed: " + e.getMessage());
        }
        runtime.close();
        transport.close();
        dataPlane.close();
        if (keylog != null) {
            try {
                keylog.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
        log.log(Subsystem.DMN, 0, "stopped");
    }

    /**
     * A byte/packet lifetime or sequence-number event of the user-space ESP, as a log line. Hard lifetimes and
     * exhausted sequence numbers delete the CHILD_SA (with the peer); turning SOFT_LIFETIME into a CHILD_SA rekey
     * needs an engine input that does not exist yet (time-based rekeys run).
     */
    static String describe(io.ike4j.platform.esp.EspEvent e) {
        String what = switch (e.kind()) {
            case SOFT_LIFETIME -> "soft byte/packet lifetime reached, CHILD_SA should be rekeyed";
            case HARD_LIFETIME -> "hard byte/packet lifetime reached, CHILD_SA no longer passes traffic; deleting it";
            case SEQUENCE_EXHAUSTED -> "sequence numbers exhausted, CHILD_SA no longer sends; deleting it";
        };
        return String.format("CHILD_SA %d/%d %s SPI %08x: %s", e.ikeSaId(), e.childSaId(),
                e.direction().name().toLowerCase(java.util.Locale.ROOT), e.spi(), what);
    }

    /** Hands ESP-in-UDP to the data plane once it exists (the transport is opened first). */
    private record ForwardingEspSink(AtomicReference<EspSink> target) implements EspSink {
        @Override
        public boolean onEspPacket(io.ike4j.core.engine.Endpoint local, io.ike4j.core.engine.Endpoint remote, byte[] packet) {
            return target.get().onEspPacket(local, remote, packet);
        }

        @Override
        public boolean onEspPacket(io.ike4j.core.engine.Endpoint local, io.ike4j.core.engine.Endpoint remote,
                                   byte[] buffer, int off, int len) {
            return target.get().onEspPacket(local, remote, buffer, off, len);
        }
    }

    static String describe(SaEvent e) {
        return SaEventLog.describe(e).message();
    }
}
