package io.ike4j.daemon;

import io.ike4j.core.engine.EngineInput;
import io.ike4j.core.engine.EngineOutput;
import io.ike4j.daemon.config.SwanctlConfig;
import io.ike4j.platform.runtime.InputHandler;
import java.util.List;

/**
 * The engine as the daemon sees it: what the runtime drives, and how a reloaded configuration reaches it.
 * {@link SwanctlToEngineConfig} creates it; until ike4j-core's {@code Engine} lands it is {@link #UNAVAILABLE}.
 */
public interface EngineBinding extends InputHandler {
    boolean available();

    /** Applies a reloaded configuration; connections that did not change keep their SAs. */
    void reconfigure(SwanctlConfig config);

    /** Responder IKE SAs waiting for IKE_AUTH (stats' half-open, with the daemon's own pending initiations). */
    default int halfOpenCount() {
        return 0;
    }

    /** The virtual IP pools and their leases ({@code list-pools}); none without an engine. */
    default List<io.ike4j.core.pool.PoolStatus> pools() {
        return List.of();
    }

    /** No engine: every input is ignored. {@code initiate} answers that the engine is missing. */
    EngineBinding UNAVAILABLE = new EngineBinding() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public void reconfigure(SwanctlConfig config) {}

        @Override
        public List<EngineOutput> handle(EngineInput input) {
            return List.of();
        }
    };
}
