package io.ike4j.core.exchange.v1;

import io.ike4j.core.crypto.RandomSource;
import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.sa.v1.IsakmpSa;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ISAKMP SAs by cookie pair, by engine id, initiators still waiting for the responder cookie (by CKY-I), and
 * responders' half-open SAs by (peer, CKY-I) so that a retransmitted first message finds its SA. Thread-safe.
 */
public final class V1Table {
    private record Cookies(long initiator, long responder) {}

    private record HalfOpen(Endpoint remote, long cookieI) {}

    private final ConcurrentHashMap<Cookies, IsakmpSa> byCookies = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, IsakmpSa> initiating = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<HalfOpen, IsakmpSa> halfOpen = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, IsakmpSa> byId = new ConcurrentHashMap<>();

    /** A fresh non-zero cookie not used by any of our SAs (RFC 2408 2.5.3: unique per peer; random here). */
    long newCookie(RandomSource random) {
        while (true) {
            long c = ByteBuffer.wrap(random.bytes(8)).getLong();
            if (c != 0 && !initiating.containsKey(c) && byCookies.keySet().stream().noneMatch(k -> k.responder == c || k.initiator == c)) {
                return c;
            }
        }
    }

    void addInitiating(IsakmpSa sa) {
        byId.put(sa.id(), sa);
        initiating.put(sa.cookieI, sa);
    }

    /** Responder SA, or an initiator's SA once the responder cookie is known. */
    void addEstablishedCookies(IsakmpSa sa) {
        byId.put(sa.id(), sa);
        initiating.remove(sa.cookieI, sa);
        byCookies.put(new Cookies(sa.cookieI, sa.cookieR), sa);
    }

    /** Registers a responder's SA as half-open; returns the SA already there for the same request, if any. */
    Optional<IsakmpSa> addHalfOpen(IsakmpSa sa) {
        IsakmpSa existing = halfOpen.putIfAbsent(new HalfOpen(sa.remote, sa.cookieI), sa);
        return Optional.ofNullable(existing);
    }

    Optional<IsakmpSa> halfOpen(Endpoint remote, long cookieI) {
        return Optional.ofNullable(halfOpen.get(new HalfOpen(remote, cookieI)));
    }

    /** Responder SAs still in Phase 1 (the half-open count the DoS limits compare with). */
    int halfOpenCount() {
        return halfOpen.size();
    }

    /** Responder SAs still in Phase 1 with a peer at {@code address}. */
    int halfOpenCount(java.net.InetAddress address) {
        return (int) halfOpen.keySet().stream().filter(k -> k.remote().address().equals(address)).count();
    }

    void halfOpenDone(IsakmpSa sa) {
        halfOpen.values().remove(sa);
    }

    Optional<IsakmpSa> find(long cookieI, long cookieR) {
        IsakmpSa sa = byCookies.get(new Cookies(cookieI, cookieR));
        if (sa != null) return Optional.of(sa);
        return Optional.ofNullable(initiating.get(cookieI));
    }

    boolean isInitiating(long cookieI) {
        return initiating.containsKey(cookieI);
    }

    Optional<IsakmpSa> byId(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    void remove(IsakmpSa sa) {
        byId.remove(sa.id(), sa);
        initiating.remove(sa.cookieI, sa);
        byCookies.remove(new Cookies(sa.cookieI, sa.cookieR), sa);
        halfOpenDone(sa);
    }

    public Collection<IsakmpSa> all() {
        return byId.values();
    }
}
