package io.ike4j.core.engine;

import io.ike4j.core.crypto.RandomSource;
import io.ike4j.core.exchange.CookieUnit;
import io.ike4j.core.exchange.SaRegistry;
import io.ike4j.core.sa.IkeSa;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** IKE SAs by local SPI and by unique id, plus the responder's half-open SAs by (peer, initiator SPI). Thread-safe. */
final class SaTable implements SaRegistry {
    private record HalfOpenKey(Endpoint remote, long initiatorSpi) {}

    private final ConcurrentHashMap<Long, IkeSa> bySpi = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, IkeSa> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<HalfOpenKey, IkeSa> halfOpen = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, HalfOpenKey> halfOpenById = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<java.net.InetAddress, Integer> halfOpenByIp = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger responding = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.Set<Integer> childSpis = ConcurrentHashMap.newKeySet();
    private final RandomSource random;
    private final CookieUnit cookies;
    private final io.ike4j.core.pool.AddressPools pools = new io.ike4j.core.pool.AddressPools();

    SaTable(RandomSource random, CookieUnit cookies) {
        this.random = random;
        this.cookies = cookies;
    }

    @Override
    public io.ike4j.core.pool.AddressPools pools() {
        return pools;
    }

    @Override
    public long nextId() {
        return ids.incrementAndGet();
    }

    @Override
    public long newSpi() {
        while (true) {
            long spi = ByteBuffer.wrap(random.bytes(8)).getLong();
            if (spi != 0 && !bySpi.containsKey(spi)) return spi;
        }
    }

    @Override
    public boolean reserveChildSpi(int spi) {
        return childSpis.add(spi);
    }

    @Override
    public void releaseChildSpi(int spi) {
        childSpis.remove(spi);
    }

    /** Inbound ESP SPIs in use (tests: nothing leaks). */
    int childSpisInUse() {
        return childSpis.size();
    }

    @Override
    public void add(IkeSa sa) {
        bySpi.put(sa.localSpi(), sa);
        byId.put(sa.id(), sa);
    }

    @Override
    public Optional<IkeSa> addHalfOpen(Endpoint remote, long initiatorSpi, IkeSa sa) {
        HalfOpenKey key = new HalfOpenKey(remote, initiatorSpi);
        IkeSa existing = halfOpen.putIfAbsent(key, sa);
        if (existing != null) return Optional.of(existing);
        halfOpenById.put(sa.id(), key);
        halfOpenByIp.merge(remote.address(), 1, Integer::sum);
        return Optional.empty();
    }

    Optional<IkeSa> halfOpen(Endpoint remote, long initiatorSpi) {
        return Optional.ofNullable(halfOpen.get(new HalfOpenKey(remote, initiatorSpi)));
    }

    @Override
    public void halfOpenDone(IkeSa sa) {
        HalfOpenKey key = halfOpenById.remove(sa.id());
        if (key != null && halfOpen.remove(key, sa)) {
            halfOpenByIp.computeIfPresent(key.remote().address(), (ip, n) -> n <= 1 ? null : n - 1); // null drops the entry
        }
    }

    @Override
    public int halfOpenCount() {
        return halfOpen.size();
    }

    @Override
    public int enterResponder() {
        return responding.incrementAndGet() + halfOpen.size();
    }

    @Override
    public void leaveResponder() {
        responding.decrementAndGet();
    }

    @Override
    public int halfOpenCount(java.net.InetAddress peer) {
        return halfOpenByIp.getOrDefault(peer, 0);
    }

    @Override
    public void remove(IkeSa sa) {
        halfOpenDone(sa);
        bySpi.remove(sa.localSpi(), sa);
        byId.remove(sa.id(), sa);
    }

    @Override
    public CookieUnit cookies() {
        return cookies;
    }

    @Override
    public void rekeyed(IkeSa live, long oldLocalSpi, IkeSa retired) {
        bySpi.put(oldLocalSpi, retired);
        byId.put(retired.id(), retired);
        bySpi.put(live.localSpi(), live);
    }

    Optional<IkeSa> bySpi(long spi) {
        return Optional.ofNullable(bySpi.get(spi));
    }

    Optional<IkeSa> byId(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Collection<IkeSa> all() {
        return byId.values();
    }
}
