package io.ike4j.daemon;

import io.ike4j.core.crypto.RandomSource;
import io.ike4j.core.engine.Engine;
import io.ike4j.core.engine.EngineContext;
import io.ike4j.core.engine.EngineInput;
import io.ike4j.core.engine.EngineLog;
import io.ike4j.core.engine.EngineOutput;
import io.ike4j.core.engine.IkeSaInfo;
import io.ike4j.core.engine.KeyLogSink;
import io.ike4j.daemon.config.SwanctlConfig;
import io.ike4j.daemon.log.DaemonLog;
import io.ike4j.daemon.log.Subsystem;
import io.ike4j.platform.net.UdpTransport;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/** The daemon's engine: ike4j-core's {@link Engine} configured from swanctl.conf, reconfigurable by {@code load-all}. */
final class CoreEngineBinding implements EngineBinding {
    private final Engine engine;
    private final DaemonLog log;
    private final SwanctlToEngineConfig.Ports ports;
    private final Optional<java.nio.file.Path> swanctlDir;

    CoreEngineBinding(SwanctlConfig config, SwanctlToEngineConfig.Ports ports, Optional<java.nio.file.Path> swanctlDir,
                      InstantSource clock, DaemonLog log, Optional<KeyLogSink> keyLog) {
        this.log = log;
        this.ports = ports;
        this.swanctlDir = swanctlDir;
        SwanctlToEngineConfig.Mapped mapped = map(config);
        // local_addrs = %any: initiate from the address the routing table picks (NAT detection needs the real one)
        this.engine = Engine.create(new EngineContext(mapped.config(), clock, RandomSource.secure(), engineLog(log), keyLog,
                UdpTransport.sourceAddressSelector()));
    }

    private SwanctlToEngineConfig.Mapped map(SwanctlConfig config) {
        SwanctlToEngineConfig.Mapped mapped = SwanctlToEngineConfig.map(config, ports, swanctlDir);
        mapped.warnings().forEach(w -> log.log(Subsystem.CFG, 0, w));
        return mapped;
    }

    private static EngineLog engineLog(DaemonLog log) {
        return (subsystem, connection, ikeSaId, message) -> {
            Subsystem s = switch (subsystem) {
                case IKE -> Subsystem.IKE;
                case CHILD -> Subsystem.CHD;
                case NET -> Subsystem.NET;
                case ENC -> Subsystem.ENC;
                case CFG -> Subsystem.CFG;
            };
            if (ikeSaId == 0 && connection.isEmpty()) log.log(s, 1, message);
            else log.sa(s, 1, connection, ikeSaId, message);
        };
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public void reconfigure(SwanctlConfig config) {
        engine.reconfigure(map(config).config());
    }

    @Override
    public List<EngineOutput> handle(EngineInput input) {
        return engine.handle(input);
    }

    @Override
    public List<io.ike4j.core.pool.PoolStatus> pools() {
        return engine.pools();
    }

    List<IkeSaInfo> listSas() {
        return engine.listSas();
    }

    @Override
    public int halfOpenCount() {
        return engine.halfOpenCount();
    }
}
