package io.ike4j.daemon;

import io.ike4j.core.engine.ChildSaInfo;
import io.ike4j.core.engine.IkeSaInfo;
import io.ike4j.core.engine.SaEvent;
import io.ike4j.daemon.config.AuthConfig;
import io.ike4j.daemon.config.ChildConfig;
import io.ike4j.daemon.config.ConnectionConfig;
import io.ike4j.daemon.control.ConnectionSummary;
import io.ike4j.daemon.control.ControlHandler;
import io.ike4j.daemon.control.ControlResult;
import io.ike4j.daemon.control.ErrorCode;
import io.ike4j.daemon.control.SaJson;
import io.ike4j.daemon.control.StatsSnapshot;
import io.ike4j.daemon.log.SaEventLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** The control commands served by a running {@link Daemon}. */
final class DaemonCommands implements ControlHandler {
    static final String VERSION = "0.1.0";

    private final Daemon daemon;

    DaemonCommands(Daemon daemon) {
        this.daemon = daemon;
    }

    @Override
    public ControlResult initiate(String child, String ike, Duration timeout, Consumer<String> log) throws InterruptedException {
        if (!daemon.engine().available()) return ControlResult.failed(ErrorCode.FAILED, "IKE engine not available in this build");
        String conn = ike;
        if (child != null) {
            List<ConnectionConfig> owners = daemon.config().connections().stream()
                    .filter(c -> (ike == null || c.name().equals(ike)) && c.child(child).isPresent()).toList();
            if (owners.isEmpty()) return ControlResult.failed(ErrorCode.NOT_FOUND, "no CHILD_SA config named '" + child + "'"
                    + (ike == null ? "" : " in connection '" + ike + "'"));
            if (owners.size() > 1) return ControlResult.failed(ErrorCode.BAD_REQUEST, "CHILD_SA '" + child
                    + "' exists in several connections; name one with --ike");
            conn = owners.getFirst().name();
        } else if (daemon.config().connection(ike).isEmpty()) {
            return ControlResult.failed(ErrorCode.NOT_FOUND, "no connection named '" + ike + "'");
        }
        String connection = conn;
        CompletableFuture<ControlResult> done = new CompletableFuture<>();
        Consumer<SaEvent> watcher = e -> {
            if (!e.connection().equals(connection)) return;
            log.accept(SaEventLog.describe(e).message());
            switch (e) {
                case SaEvent.ChildSaEstablished x when child == null || x.child().equals(child) ->
                        done.complete(ControlResult.ok("CHILD_SA '" + x.child() + "' established successfully"));
                case SaEvent.IkeSaEstablished x when child == null ->
                        done.complete(ControlResult.ok("IKE_SA '" + connection + "' established successfully"));
                case SaEvent.IkeSaFailed x -> done.complete(ControlResult.failed(ErrorCode.FAILED, "establishing IKE_SA failed: " + x.reason()));
                case SaEvent.ChildSaFailed x when child == null || x.child().equals(child) ->
                        done.complete(ControlResult.failed(ErrorCode.FAILED, "establishing CHILD_SA failed: " + x.reason()));
                default -> { }
            }
        };
        daemon.tracker().watch(watcher);
        daemon.halfOpen().incrementAndGet();
        try {
            log.accept("initiating " + (child == null ? "IKE_SA " + connection : "CHILD_SA " + child + " of " + connection));
            daemon.runtime().initiate(connection, child);
            return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return ControlResult.failed(ErrorCode.TIMEOUT, "initiate timed out after " + timeout.toSeconds() + "s");
        } catch (ExecutionException e) {
            return ControlResult.failed(ErrorCode.INTERNAL, "initiate failed: " + e.getCause());
        } finally {
            daemon.halfOpen().decrementAndGet();
            daemon.tracker().unwatch(watcher);
        }
    }

    @Override
    public ControlResult terminate(String ike, String child, Duration timeout, Consumer<String> log) throws InterruptedException {
        List<IkeSaInfo> sas = daemon.tracker().list();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        List<long[]> targets = new ArrayList<>();
        for (IkeSaInfo sa : sas) {
            if (ike != null && (sa.connection().equals(ike) || Long.toString(sa.ikeSaId()).equals(ike))) {
                targets.add(new long[] {sa.ikeSaId(), -1});
            }
            if (child != null) {
                for (ChildSaInfo c : sa.children()) {
                    if (c.name().equals(child) || Long.toString(c.childSaId()).equals(child)) targets.add(new long[] {sa.ikeSaId(), c.childSaId()});
                }
            }
        }
        if (targets.isEmpty()) return ControlResult.failed(ErrorCode.NOT_FOUND, "no " + (ike != null ? "IKE_SA '" + ike : "CHILD_SA '" + child) + "' found");
        CompletableFuture<Void> allClosed = new CompletableFuture<>();
        java.util.Set<String> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
        for (long[] t : targets) open.add(t[0] + "/" + t[1]);
        Consumer<SaEvent> watcher = e -> {
            switch (e) {
                case SaEvent.IkeSaClosed x -> {
                    log.accept(SaEventLog.describe(e).message());
                    open.removeIf(k -> k.startsWith(x.ikeSaId() + "/"));
                }
                case SaEvent.ChildSaClosed x -> {
                    log.accept(SaEventLog.describe(e).message());
                    open.remove(x.ikeSaId() + "/" + x.childSaId());
                }
                default -> { }
            }
            if (open.isEmpty()) allClosed.complete(null);
        };
        daemon.tracker().watch(watcher);
        try {
            for (long[] t : targets) {
                pending.add(t[1] < 0 ? daemon.runtime().terminateIke(t[0]) : daemon.runtime().terminateChild(t[0], t[1]));
            }
            allClosed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return ControlResult.ok("terminated " + targets.size() + (ike != null ? " IKE_SA(s)" : " CHILD_SA(s)") + " successfully");
        } catch (TimeoutException e) {
            return ControlResult.failed(ErrorCode.TIMEOUT, "terminate timed out after " + timeout.toSeconds() + "s");
        } catch (ExecutionException e) {
            return ControlResult.failed(ErrorCode.INTERNAL, "terminate failed: " + e.getCause());
        } finally {
            daemon.tracker().unwatch(watcher);
        }
    }

    /** RFC 5685 5: redirects the matching established peers; done once each old IKE SA is gone (the peer deletes it). */
    @Override
    public ControlResult redirect(String ike, String peerIp, String gateway, Duration timeout, Consumer<String> log)
            throws InterruptedException {
        if (io.ike4j.core.config.IpLiterals.parse(gateway.trim()).isEmpty() && !gateway.matches("[A-Za-z0-9.-]{1,255}")) {
            return ControlResult.failed(ErrorCode.BAD_REQUEST, "bad gateway '" + gateway + "'");
        }
        java.util.Optional<java.net.InetAddress> peer = peerIp == null ? java.util.Optional.empty()
                : io.ike4j.core.config.IpLiterals.parse(peerIp.trim());
        if (peerIp != null && peer.isEmpty()) return ControlResult.failed(ErrorCode.BAD_REQUEST, "bad peer address '" + peerIp + "'");
        List<Long> targets = new ArrayList<>();
        for (IkeSaInfo sa : daemon.tracker().list()) {
            boolean match = ike != null ? sa.connection().equals(ike) || Long.toString(sa.ikeSaId()).equals(ike)
                    : sa.remote().address().equals(peer.get());
            if (match) targets.add(sa.ikeSaId());
        }
        if (targets.isEmpty()) return ControlResult.failed(ErrorCode.NOT_FOUND, "no IKE_SA found for "
                + (ike != null ? "'" + ike + "'" : "peer " + peerIp));
        java.util.Set<Long> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
        open.addAll(targets);
        CompletableFuture<Void> allGone = new CompletableFuture<>();
        Consumer<SaEvent> watcher = e -> {
            if (e instanceof SaEvent.IkeSaClosed x && open.remove(x.ikeSaId())) {
                log.accept(SaEventLog.describe(e).message());
                if (open.isEmpty()) allGone.complete(null);
            }
        };
        daemon.tracker().watch(watcher);
        try {
            for (long id : targets) {
                log.accept("redirecting IKE_SA " + id + " to " + gateway);
                daemon.runtime().redirect(id, gateway.trim());
            }
            allGone.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return ControlResult.ok("redirected " + targets.size() + " IKE_SA(s) to " + gateway + " successfully");
        } catch (TimeoutException e) {
            return ControlResult.failed(ErrorCode.TIMEOUT, "redirect timed out after " + timeout.toSeconds()
                    + "s (the peer did not follow; did it announce REDIRECT_SUPPORTED?)");
        } catch (ExecutionException e) {
            return ControlResult.failed(ErrorCode.INTERNAL, "redirect failed: " + e.getCause());
        } finally {
            daemon.tracker().unwatch(watcher);
        }
    }

    @Override
    public ControlResult rekey(String ike, String child, boolean reauth, Duration timeout, Consumer<String> log)
            throws InterruptedException {
        List<long[]> targets = new ArrayList<>();
        for (IkeSaInfo sa : daemon.tracker().list()) {
            if (ike != null && (sa.connection().equals(ike) || Long.toString(sa.ikeSaId()).equals(ike))) {
                targets.add(new long[] {sa.ikeSaId(), -1});
            }
            if (child != null) {
                for (ChildSaInfo c : sa.children()) {
                    if ((c.name().equals(child) || Long.toString(c.childSaId()).equals(child)) && "INSTALLED".equals(c.state())) {
                        targets.add(new long[] {sa.ikeSaId(), c.childSaId()});
                    }
                }
            }
        }
        if (targets.isEmpty()) return ControlResult.failed(ErrorCode.NOT_FOUND, "no " + (ike != null ? "IKE_SA '" + ike : "CHILD_SA '" + child) + "' found");
        CompletableFuture<Void> done = new CompletableFuture<>();
        java.util.Set<String> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
        for (long[] t : targets) open.add(t[0] + "/" + t[1]);
        Consumer<SaEvent> watcher = e -> {
            switch (e) {
                case SaEvent.IkeSaRekeyed x -> {
                    log.accept(SaEventLog.describe(e).message());
                    open.remove(x.oldIkeSaId() + "/-1");
                }
                case SaEvent.ChildSaRekeyed x -> {
                    log.accept(SaEventLog.describe(e).message());
                    open.remove(x.ikeSaId() + "/" + x.oldChildSaId());
                }
                case SaEvent.IkeSaClosed x -> open.removeIf(k -> k.startsWith(x.ikeSaId() + "/") && !k.endsWith("/-1"));
                case SaEvent.ChildSaClosed x -> open.remove(x.ikeSaId() + "/" + x.childSaId());
                default -> { }
            }
            if (open.isEmpty()) done.complete(null);
        };
        daemon.tracker().watch(watcher);
        try {
            for (long[] t : targets) {
                daemon.runtime().submit(t[1] < 0 ? new io.ike4j.core.engine.EngineInput.RekeyIke(t[0], reauth)
                        : new io.ike4j.core.engine.EngineInput.RekeyChild(t[0], t[1]));
            }
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return ControlResult.ok((reauth ? "reauthenticated " : "rekeyed ") + targets.size()
                    + (ike != null ? " IKE_SA(s)" : " CHILD_SA(s)") + " successfully");
        } catch (TimeoutException e) {
            return ControlResult.failed(ErrorCode.TIMEOUT, "rekey timed out after " + timeout.toSeconds() + "s");
        } catch (ExecutionException e) {
            return ControlResult.failed(ErrorCode.INTERNAL, "rekey failed: " + e.getCause());
        } finally {
            daemon.tracker().unwatch(watcher);
        }
    }

    @Override
    public void listSas(Consumer<IkeSaInfo> sink) {
        daemon.tracker().forEach(sink);
    }

    @Override
    public SaJson.Counters childCounters(long ikeSaId, long childSaId) {
        return daemon.counters(ikeSaId, childSaId);
    }

    @Override
    public List<io.ike4j.core.pool.PoolStatus> listPools() {
        return daemon.engine().pools();
    }

    @Override
    public List<ConnectionSummary> listConns() {
        List<ConnectionSummary> out = new ArrayList<>();
        for (ConnectionConfig c : daemon.config().connections()) out.add(summary(c));
        return out;
    }

    static ConnectionSummary summary(ConnectionConfig c) {
        AuthConfig local = c.local().isEmpty() ? AuthConfig.defaults("local") : c.local().getFirst();
        AuthConfig remote = c.remote().isEmpty() ? AuthConfig.defaults("remote") : c.remote().getFirst();
        List<ConnectionSummary.Child> children = new ArrayList<>();
        for (ChildConfig ch : c.children()) {
            children.add(new ConnectionSummary.Child(ch.name(), ch.mode().name().toUpperCase(Locale.ROOT), ch.localTs(), ch.remoteTs()));
        }
        return new ConnectionSummary(c.name(), c.version(), c.localAddrs(), c.remoteAddrs(), local.auth(), local.id().orElse("%any"),
                remote.auth(), remote.id().orElse("%any"), children);
    }

    @Override
    public ControlResult loadAll() {
        return daemon.reload();
    }

    @Override
    public StatsSnapshot stats() {
        return daemon.stats(daemon.halfOpen().get());
    }

    @Override
    public String version() {
        return VERSION;
    }
}
