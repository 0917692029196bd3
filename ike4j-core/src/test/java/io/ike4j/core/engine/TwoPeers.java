package io.ike4j.core.engine;

import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.crypto.RandomSource;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Deterministic two-peer harness: both engines in one test, a manual clock advanced to the next timer deadline,
 * seeded randomness, datagrams of one fed to the other (with an optional filter to drop/duplicate/reorder).
 */
final class TwoPeers {
    static final class ManualClock implements InstantSource {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }
    }

    final class Peer {
        final String name;
        final Endpoint address;
        final Engine engine;
        final Map<TimerId, Instant> timers = new HashMap<>();
        final List<EngineOutput> all = new ArrayList<>();
        final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
        final FakeDataPlane dataPlane = new FakeDataPlane();

        Peer(String name, Endpoint address, EngineConfig config, long seed) {
            this(name, address, config, seed, SourceAddressSelector.NONE);
        }

        Peer(String name, Endpoint address, EngineConfig config, long seed, SourceAddressSelector source) {
            this.name = name;
            this.address = address;
            Random r = new Random(seed);
            RandomSource rs = r::nextBytes;
            this.engine = Engine.create(new EngineContext(config, clock, rs,
                    (sub, conn, id, msg) -> log.add(sub + " " + conn + "[" + id + "] " + msg), java.util.Optional.empty(),
                    source));
        }

        <T> List<T> outputs(Class<T> kind) {
            return all.stream().filter(kind::isInstance).map(kind::cast).toList();
        }

        List<SaEvent> events() {
            return outputs(EngineOutput.Notify.class).stream().map(EngineOutput.Notify::event).toList();
        }

        <T extends SaEvent> List<T> events(Class<T> kind) {
            return events().stream().filter(kind::isInstance).map(kind::cast).toList();
        }
    }

    /** A datagram in flight. */
    record Packet(Peer from, Peer to, Endpoint src, Endpoint dst, byte[] data) {}

    final ManualClock clock = new ManualClock();
    final Peer a;
    final Peer b;
    final Deque<Packet> inFlight = new ArrayDeque<>();
    /** Decides what happens to each packet: returns the packets to deliver (empty = drop). */
    Function<Packet, List<Packet>> network = List::of;
    int delivered;
    /** When set, peer a sits behind a NAT with this public address; its ports are mapped p -> p + 40000. */
    InetAddress natPublicA;
    /** Fire all timers due at the same instant (both peers) before delivering anything: provokes collisions. */
    boolean fireTogether;
    /** Each peer's outbound SA must be installed inbound at the other at every step (make-before-break). */
    boolean checkTraffic;
    final List<String> trafficErrors = new ArrayList<>();

    TwoPeers(EngineConfig configA, EngineConfig configB) throws Exception {
        this(configA, InetAddress.getByName("192.0.2.1"), configB, InetAddress.getByName("192.0.2.2"));
    }

    TwoPeers(EngineConfig configA, InetAddress addrA, EngineConfig configB, InetAddress addrB) {
        this(configA, addrA, SourceAddressSelector.NONE, configB, addrB);
    }

    /** {@code sourceA}: how peer a's engine picks a source address for a wildcard local address. */
    TwoPeers(EngineConfig configA, InetAddress addrA, SourceAddressSelector sourceA, EngineConfig configB, InetAddress addrB) {
        a = new Peer("a", new Endpoint(addrA, 500), configA, 1, sourceA);
        b = new Peer("b", new Endpoint(addrB, 500), configB, 2, SourceAddressSelector.NONE);
    }

    Peer other(Peer p) {
        return p == a ? b : a;
    }

    void input(Peer p, EngineInput in) {
        List<EngineOutput> outs = p.engine.handle(in);
        p.all.addAll(outs);
        for (EngineOutput o : outs) p.dataPlane.apply(o);
        if (checkTraffic) {
            for (Peer x : List.of(a, b)) {
                int spi = x.dataPlane.outboundSpi();
                // a CHILD_SA being deleted loses traffic by design; while the peer has SAs, none may be missing
                if (spi != 0 && other(x).dataPlane.count() > 0 && !other(x).dataPlane.hasInbound(spi)) {
                    trafficErrors.add(String.format("%s at %s sends on SPI %08x the peer has not installed", x.name, clock.now, spi));
                }
            }
        }
        for (EngineOutput o : outs) {
            switch (o) {
                case EngineOutput.SendDatagram d -> {
                    Peer to = other(p);
                    inFlight.addAll(network.apply(new Packet(p, to, d.local(), d.remote(), d.data())));
                }
                case EngineOutput.StartTimer t -> p.timers.put(t.id(), t.deadline());
                case EngineOutput.CancelTimer t -> p.timers.remove(t.id());
                default -> { }
            }
        }
    }

    /** Delivers packets until none are in flight (no timers). */
    void flush() {
        int guard = 0;
        while (!inFlight.isEmpty() && guard++ < 1000) {
            Packet pk = inFlight.poll();
            delivered++;
            // the receiver sees the sender's real address with the port it sent from, on the port it was sent to
            Endpoint src = new Endpoint(pk.from().address.address(), pk.src().port());
            Endpoint dst = new Endpoint(pk.to().address.address(), pk.dst().port());
            if (natPublicA != null && pk.from() == a) {
                src = new Endpoint(natPublicA, pk.src().port() + 40000);
            } else if (natPublicA != null && pk.from() == b) {
                if (!pk.dst().address().equals(natPublicA) || pk.dst().port() < 40000) continue; // NAT drops it
                dst = new Endpoint(a.address.address(), pk.dst().port() - 40000);
            }
            input(pk.to(), new EngineInput.DatagramReceived(dst, src, pk.data()));
        }
    }

    /** Flushes, then fires the earliest timer (advancing the clock) until no timer is due within {@code horizon}. */
    void run(Duration horizon) {
        Instant end = clock.now.plus(horizon);
        flush();
        while (true) {
            Peer next = null;
            TimerId nextId = null;
            Instant at = null;
            for (Peer p : List.of(a, b)) {
                for (Map.Entry<TimerId, Instant> e : p.timers.entrySet()) {
                    if (at == null || e.getValue().isBefore(at)) {
                        at = e.getValue();
                        next = p;
                        nextId = e.getKey();
                    }
                }
            }
            if (at == null || at.isAfter(end)) return;
            if (at.isAfter(clock.now)) clock.now = at;
            next.timers.remove(nextId);
            input(next, new EngineInput.TimerFired(nextId));
            if (fireTogether) {
                for (Peer p : List.of(a, b)) {
                    for (Map.Entry<TimerId, Instant> e : List.copyOf(p.timers.entrySet())) {
                        if (!e.getValue().isAfter(at) && p.timers.remove(e.getKey(), e.getValue())) {
                            input(p, new EngineInput.TimerFired(e.getKey()));
                        }
                    }
                }
            }
            flush();
        }
    }

    /** Delivers the first in-flight packet from {@code from} that is a response (or request); false if none. */
    boolean deliver(Peer from, boolean response) {
        for (Packet pk : inFlight) {
            if (pk.from() == from && ((pk.data()[19] & 0x20) != 0) == response) {
                inFlight.remove(pk);
                Deque<Packet> rest = new ArrayDeque<>(inFlight);
                inFlight.clear();
                inFlight.add(pk);
                deliverOne();
                Deque<Packet> made = new ArrayDeque<>(inFlight);
                inFlight.clear();
                inFlight.addAll(rest);
                inFlight.addAll(made);
                return true;
            }
        }
        return false;
    }

    private void deliverOne() {
        Packet pk = inFlight.poll();
        input(pk.to(), new EngineInput.DatagramReceived(new Endpoint(pk.to().address.address(), pk.dst().port()),
                new Endpoint(pk.from().address.address(), pk.src().port()), pk.data()));
    }

    /** IKE SAs in the engine's table (retired included) and inbound ESP SPIs reserved. */
    static int[] tableSizes(Peer p) {
        return ((IkeEngine) p.engine).tableSizes();
    }

    void settle() {
        flush();
    }

    /** Drops the first {@code n} packets matching {@code which}. */
    static Function<Packet, List<Packet>> dropFirst(int n, BiPredicate<Integer, Packet> which) {
        int[] count = {0};
        int[] seen = {0};
        return p -> {
            int index = seen[0]++;
            if (count[0] < n && which.test(index, p)) {
                count[0]++;
                return List.of();
            }
            return List.of(p);
        };
    }
}
