package io.ike4j.platform.dataplane;

import io.ike4j.core.sa.ChildSaSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A data plane that only remembers: installed CHILD_SAs with their SPIs, algorithms, selectors and keys. For tests,
 * the demo and embedding without packet processing. Thread-safe.
 */
public final class InMemoryDataPlane implements DataPlane {
    private record Key(long ikeSaId, long childSaId) {}

    private final Map<Key, InstalledChildSa> installed = new ConcurrentHashMap<>();
    private final Map<Key, SaCounters> counters = new ConcurrentHashMap<>();
    private final Map<Integer, Key> byInboundSpi = new ConcurrentHashMap<>();
    private final Map<String, io.ike4j.core.engine.TrapPolicy> traps = new ConcurrentHashMap<>();
    private volatile AcquireListener acquires = AcquireListener.NONE;
    private volatile boolean closed;
    private final java.util.Set<java.net.InetAddress> virtualIps = ConcurrentHashMap.newKeySet();

    @Override
    public void addVirtualIp(java.net.InetAddress address, java.net.InetAddress peer) {
        virtualIps.add(address);
    }

    @Override
    public boolean removeVirtualIp(java.net.InetAddress address) {
        return virtualIps.remove(address);
    }

    /** Virtual IPs "installed" here. */
    public java.util.Set<java.net.InetAddress> virtualIps() {
        return java.util.Set.copyOf(virtualIps);
    }

    @Override
    public boolean installTrap(io.ike4j.core.engine.TrapPolicy trap) throws DataPlaneException {
        if (closed) throw new DataPlaneException("data plane closed");
        traps.put(trap.key(), trap);
        return true;
    }

    @Override
    public boolean removeTrap(io.ike4j.core.engine.TrapPolicy trap) {
        return traps.remove(trap.key()) != null;
    }

    @Override
    public void acquireListener(AcquireListener listener) {
        acquires = listener == null ? AcquireListener.NONE : listener;
    }

    /** The trap policies installed now. */
    public List<io.ike4j.core.engine.TrapPolicy> traps() {
        return List.copyOf(traps.values());
    }

    /** What a packet hitting the trap {@code connection/child} would do: an acquire, if that trap is installed. */
    public boolean packetHitsTrap(String connection, String child) {
        if (!traps.containsKey(connection + "/" + child)) return false;
        acquires.acquire(connection, child);
        return true;
    }

    @Override
    public void install(ChildSaSpec spec) throws DataPlaneException {
        if (closed) throw new DataPlaneException("data plane closed");
        Key key = new Key(spec.ikeSaId(), spec.childSaId());
        int spi = spec.inbound().spi();
        if (byInboundSpi.putIfAbsent(spi, key) != null) {
            throw new DataPlaneException(String.format("inbound SPI %08x already installed", spi));
        }
        InstalledChildSa sa = new InstalledChildSa(spec);
        InstalledChildSa previous = installed.putIfAbsent(key, sa);
        if (previous != null) {
            byInboundSpi.remove(spi, key);
            sa.wipe();
            throw new DataPlaneException("CHILD_SA " + spec.ikeSaId() + "/" + spec.childSaId() + " already installed");
        }
        counters.put(key, SaCounters.ZERO);
    }

    @Override
    public boolean remove(long ikeSaId, long childSaId, int inboundSpi, int outboundSpi) {
        Key key = new Key(ikeSaId, childSaId);
        InstalledChildSa sa = installed.get(key);
        if (sa == null || sa.inboundSpi() != inboundSpi || sa.outboundSpi() != outboundSpi) return false;
        if (!installed.remove(key, sa)) return false;
        byInboundSpi.remove(inboundSpi, key);
        counters.remove(key);
        sa.wipe();
        return true;
    }

    @Override
    public boolean updateEndpoints(long ikeSaId, long childSaId, int inboundSpi, int outboundSpi,
                                   io.ike4j.core.engine.Endpoint local, io.ike4j.core.engine.Endpoint remote,
                                   boolean udpEncapsulation) {
        InstalledChildSa sa = installed.get(new Key(ikeSaId, childSaId));
        if (sa == null || sa.inboundSpi() != inboundSpi || sa.outboundSpi() != outboundSpi) return false;
        sa.moveTo(local, remote, udpEncapsulation);
        return true;
    }

    @Override
    public synchronized boolean reassign(long fromIkeSaId, long toIkeSaId, long childSaId, int inboundSpi, int outboundSpi) {
        Key from = new Key(fromIkeSaId, childSaId);
        Key to = new Key(toIkeSaId, childSaId);
        InstalledChildSa sa = installed.get(from);
        if (sa == null || sa.inboundSpi() != inboundSpi || sa.outboundSpi() != outboundSpi || installed.containsKey(to)) return false;
        sa.reassign(toIkeSaId);
        installed.put(to, sa);
        installed.remove(from, sa);
        SaCounters c = counters.remove(from);
        counters.put(to, c == null ? SaCounters.ZERO : c);
        byInboundSpi.put(inboundSpi, to);
        return true;
    }

    @Override
    public int installedCount() {
        return installed.size();
    }

    @Override
    public Optional<SaCounters> counters(long ikeSaId, long childSaId) {
        return Optional.ofNullable(counters.get(new Key(ikeSaId, childSaId)));
    }

    /** Adds traffic to an SA's counters (what a packet path would do); ignored for unknown SAs. */
    public void account(long ikeSaId, long childSaId, SaCounters traffic) {
        counters.computeIfPresent(new Key(ikeSaId, childSaId), (k, c) -> c.plus(traffic));
    }

    /** All installed CHILD_SAs, ordered by IKE SA then CHILD_SA id. */
    public List<InstalledChildSa> installed() {
        List<InstalledChildSa> all = new ArrayList<>(installed.values());
        all.sort((a, b) -> a.ikeSaId() != b.ikeSaId() ? Long.compare(a.ikeSaId(), b.ikeSaId())
                : Long.compare(a.childSaId(), b.childSaId()));
        return all;
    }

    public Optional<InstalledChildSa> find(long ikeSaId, long childSaId) {
        return Optional.ofNullable(installed.get(new Key(ikeSaId, childSaId)));
    }

    public Optional<InstalledChildSa> findByInboundSpi(int spi) {
        Key key = byInboundSpi.get(spi);
        return key == null ? Optional.empty() : Optional.ofNullable(installed.get(key));
    }

    @Override
    public void close() {
        closed = true;
        for (InstalledChildSa sa : installed()) remove(sa.ikeSaId(), sa.childSaId(), sa.inboundSpi(), sa.outboundSpi());
    }
}
