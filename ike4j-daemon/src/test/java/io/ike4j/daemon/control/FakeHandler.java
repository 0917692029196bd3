package io.ike4j.daemon.control;

import io.ike4j.core.engine.IkeSaInfo;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** A fake daemon for protocol tests: one SA, one connection, "net" initiates, anything else fails. */
public class FakeHandler implements ControlHandler {
    public volatile Duration lastTimeout;

    @Override
    public ControlResult initiate(String child, String ike, Duration timeout, Consumer<String> log) {
        lastTimeout = timeout;
        log.accept("initiating CHILD_SA " + child);
        if ("net".equals(child)) {
            log.accept("CHILD_SA net{1} established");
            return ControlResult.ok("CHILD_SA 'net' established successfully");
        }
        return ControlResult.failed(ErrorCode.FAILED, "establishing CHILD_SA failed: NO_PROPOSAL_CHOSEN");
    }

    @Override
    public ControlResult terminate(String ike, String child, Duration timeout, Consumer<String> log) {
        return "home".equals(ike) ? ControlResult.ok("terminated 1 IKE_SA(s) successfully")
                : ControlResult.failed(ErrorCode.NOT_FOUND, "no IKE_SA found");
    }

    @Override
    public void listSas(Consumer<IkeSaInfo> sink) {
        try {
            sink.accept(SaJsonTest.fixture());
            sink.accept(SaJsonTest.fixture());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<io.ike4j.core.pool.PoolStatus> listPools() {
        try {
            java.net.InetAddress base = java.net.InetAddress.getByName("10.3.0.0");
            return List.of(new io.ike4j.core.pool.PoolStatus("rw-pool", java.util.Optional.of(base), 254, 1, 1, List.of(
                    new io.ike4j.core.pool.Lease("carol@example.org", java.net.InetAddress.getByName("10.3.0.1"), true),
                    new io.ike4j.core.pool.Lease("dave@example.org", java.net.InetAddress.getByName("10.3.0.2"), false))));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<ConnectionSummary> listConns() {
        return List.of(new ConnectionSummary("home", 2, List.of("192.0.2.1"), List.of("192.0.2.2"), "psk", "moon", "psk", "sun",
                List.of(new ConnectionSummary.Child("net", "TUNNEL", List.of("10.1.0.0/16"), List.of("10.2.0.0/16")))));
    }

    @Override
    public ControlResult loadAll() {
        return ControlResult.ok("loaded 1 connections (0 added, 0 removed)");
    }

    @Override
    public StatsSnapshot stats() {
        return new StatsSnapshot(10, 1000, 1, 0, 1, 5, 6, 700, 800, 2, 3);
    }

    @Override
    public String version() {
        return "0.1.0";
    }
}
