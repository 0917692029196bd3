package io.ike4j.daemon;

import io.ike4j.daemon.config.SwanctlConfig;
import java.time.InstantSource;

/**
 * The one place where the swanctl.conf model ({@code io.ike4j.daemon.config}) becomes the engine's configuration
 * ({@code io.ike4j.core.config}: EngineConfig/ConnectionConfig/ChildConfig/AuthConfig/Identity/SharedKeyStore) and an
 * engine is built from it.
 *
 * <p>COORDINATOR: not wired yet — when this branch was written, the {@code engine} branch had the config model but no
 * {@code Engine} class. To wire: map each {@code daemon.config.ConnectionConfig} (addrs, ports, proposals, local/remote
 * auth rounds + ids, children with TS/ESP proposals/mode/lifetimes) and the {@code secrets} (ike-* PSKs) to the core
 * model, construct {@code Engine(engineConfig, clock, randomSource)} and return an {@link EngineBinding} whose
 * {@code handle} is {@code engine::handle} and whose {@code reconfigure} maps again and hands the new config to the engine.
 */
public final class SwanctlToEngineConfig {
    private SwanctlToEngineConfig() {}

    public static EngineBinding createEngine(SwanctlConfig config, InstantSource clock) {
        return EngineBinding.UNAVAILABLE;
    }
}
