package io.ike4j.core.engine;

import io.ike4j.core.config.ConnectionConfig;
import java.util.List;
import java.util.Optional;

/**
 * The IKEv2 protocol engine: a pure event → effects machine. {@link #handle} may be called concurrently; each SA
 * is processed serially. It never throws on bad network input: malformed datagrams are dropped or answered.
 */
public interface Engine {
    List<EngineOutput> handle(EngineInput input);

    /** Snapshots of all IKE SAs (list-sas), never key material. */
    List<IkeSaInfo> listSas();

    Optional<ConnectionConfig> connection(String name);

    /** Replaces the configuration (load-all) without touching established SAs. */
    void reconfigure(io.ike4j.core.config.EngineConfig config);

    /** Responder IKE SAs waiting for IKE_AUTH (the count the cookie threshold compares with, RFC 7296 2.6). */
    default int halfOpenCount() {
        return 0;
    }

    /** The virtual IP pools with their leases (list-pools); none by default. */
    default List<io.ike4j.core.pool.PoolStatus> pools() {
        return List.of();
    }

    static Engine create(EngineContext context) {
        return new IkeEngine(context);
    }
}
