package io.ike4j.daemon.control;

import io.ike4j.core.engine.IkeSaInfo;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the control socket asks of the daemon. The {@link ControlServer} turns requests into these calls, so tests can
 * serve the protocol from a fake. Implementations must be thread-safe: each client is served on its own virtual thread.
 */
public interface ControlHandler {

    /**
     * Establishes the CHILD_SA {@code child} (and its IKE SA; {@code ike} names the connection when the child name is
     * ambiguous or null for "find it"). Blocks until established, failed, or {@code timeout}; progress goes to {@code log}.
     */
    ControlResult initiate(String child, String ike, Duration timeout, Consumer<String> log) throws InterruptedException;

    /** Deletes the IKE SA(s) of connection {@code ike} or the CHILD_SA(s) named {@code child} (exactly one is non-null). */
    ControlResult terminate(String ike, String child, Duration timeout, Consumer<String> log) throws InterruptedException;

    /**
     * Rekeys (or with {@code reauth} reauthenticates) the IKE SA(s) {@code ike} or the CHILD_SA(s) {@code child}, each by
     * name or unique id (exactly one is non-null); waits until done or {@code timeout}, progress to {@code log}.
     */
    default ControlResult rekey(String ike, String child, boolean reauth, Duration timeout, Consumer<String> log)
            throws InterruptedException {
        return ControlResult.failed(ErrorCode.BAD_REQUEST, "rekey is not supported here");
    }

    /**
     * Redirects the peers of the IKE SAs of connection {@code ike} (name or unique id) or with remote address
     * {@code peerIp} (exactly one is non-null) to {@code gateway} (RFC 5685 5). Fails by default.
     */
    default ControlResult redirect(String ike, String peerIp, String gateway, Duration timeout, Consumer<String> log)
            throws InterruptedException {
        return ControlResult.failed(ErrorCode.FAILED, "redirect is not supported");
    }

    /** Hands each current IKE SA to {@code sink}, one at a time. */
    void listSas(Consumer<IkeSaInfo> sink);

    List<ConnectionSummary> listConns();

    /** Re-reads the configuration; unchanged connections keep their SAs. */
    ControlResult loadAll();

    StatsSnapshot stats();

    String version();

    /** Virtual IP pools with their leases ({@code list-pools}); none by default. */
    default List<io.ike4j.core.pool.PoolStatus> listPools() {
        return List.of();
    }

    /** Traffic counters of a CHILD_SA for {@code list-sas} (from the data plane); zeros by default. */
    default SaJson.Counters childCounters(long ikeSaId, long childSaId) {
        return SaJson.Counters.ZERO;
    }
}
