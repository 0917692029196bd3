package io.ike4j.core.engine;

import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.crypto.RandomSource;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Deterministic harness for MOBIKE and redirect tests: any number of engines whose addresses can change, one manual
 * clock, datagrams routed by destination address. A node may sit behind a NAT (its packets leave from
 * {@code natPublic} with the port + 40000; answers are mapped back). A node cannot send from an address it no
 * longer has (the datagram is lost, as the kernel would refuse it).
 */
final class MobileNet {
    final TwoPeers.ManualClock clock = new TwoPeers.ManualClock();
    final List<Node> nodes = new ArrayList<>();
    final Deque<Packet> inFlight = new ArrayDeque<>();
    /** Drops packets for which this returns true. */
    Predicate<Packet> drop = p -> false;

    record Packet(Node from, Endpoint src, Endpoint dst, byte[] data) {}

    final class Node {
        final String name;
        final List<InetAddress> addresses = new ArrayList<>();
        InetAddress natPublic;
        final Engine engine;
        final Map<TimerId, Instant> timers = new HashMap<>();
        final List<EngineOutput> all = new ArrayList<>();
        final List<String> log = Collections.synchronizedList(new ArrayList<>());

        Node(String name, EngineConfig config, long seed, InetAddress... addrs) {
            this.name = name;
            addresses.addAll(List.of(addrs));
            Random r = new Random(seed);
            RandomSource rs = r::nextBytes;
            SourceAddressSelector source = dst -> addresses.stream()
                    .filter(a -> a.getAddress().length == dst.getAddress().length).findFirst();
            this.engine = Engine.create(new EngineContext(config, clock, rs,
                    (sub, conn, id, msg) -> log.add(sub + " " + conn + "[" + id + "] " + msg), Optional.empty(), source));
        }

        <T> List<T> outputs(Class<T> kind) {
            return all.stream().filter(kind::isInstance).map(kind::cast).toList();
        }

        <T extends SaEvent> List<T> events(Class<T> kind) {
            return outputs(EngineOutput.Notify.class).stream().map(EngineOutput.Notify::event)
                    .filter(kind::isInstance).map(kind::cast).toList();
        }

        boolean logged(String fragment) {
            synchronized (log) {
                return log.stream().anyMatch(l -> l.contains(fragment));
            }
        }

        @Override
        public String toString() { return name; }
    }

    Node node(String name, EngineConfig config, String... addrs) throws Exception {
        InetAddress[] a = new InetAddress[addrs.length];
        for (int i = 0; i < addrs.length; i++) a[i] = InetAddress.getByName(addrs[i]);
        Node n = new Node(name, config, nodes.size() + 1, a);
        nodes.add(n);
        return n;
    }

    void input(Node n, EngineInput in) {
        List<EngineOutput> outs = n.engine.handle(in);
        n.all.addAll(outs);
        for (EngineOutput o : outs) {
            switch (o) {
                case EngineOutput.SendDatagram d -> inFlight.add(new Packet(n, d.local(), d.remote(), d.data()));
                case EngineOutput.StartTimer t -> n.timers.put(t.id(), t.deadline());
                case EngineOutput.CancelTimer t -> n.timers.remove(t.id());
                default -> { }
            }
        }
    }

    /** The node's addresses change to {@code now}; the platform tells its engine. */
    void readdress(Node n, String... now) throws Exception {
        n.addresses.clear();
        for (String a : now) n.addresses.add(InetAddress.getByName(a));
        input(n, new EngineInput.LocalAddressesChanged(List.copyOf(n.addresses)));
    }

    private final Map<Integer, Endpoint> natMappings = new HashMap<>();

    void flush() {
        int guard = 0;
        while (!inFlight.isEmpty() && guard++ < 2000) {
            Packet p = inFlight.poll();
            if (drop.test(p)) continue;
            if (!p.src().address().isAnyLocalAddress() && !p.from().addresses.contains(p.src().address())) continue;
            Endpoint src = p.src();
            if (p.from().natPublic != null) { // NAT: map the private source to the public address
                src = new Endpoint(p.from().natPublic, p.src().port() + 40000);
                natMappings.put(src.port(), p.src());
            }
            Node to = null;
            Endpoint dst = p.dst();
            for (Node n : nodes) {
                if (n.natPublic != null && n.natPublic.equals(dst.address())) {
                    Endpoint priv = natMappings.get(dst.port());
                    if (priv == null || !n.addresses.contains(priv.address())) break; // no mapping: dropped by the NAT
                    to = n;
                    dst = priv;
                    break;
                }
                if (n.natPublic == null && n.addresses.contains(dst.address())) {
                    to = n;
                    break;
                }
            }
            if (to == null || to == p.from()) continue;
            input(to, new EngineInput.DatagramReceived(dst, src, p.data()));
        }
    }

    /** Flushes, then fires timers in deadline order (advancing the clock) until none is due within {@code horizon}. */
    void run(Duration horizon) {
        Instant end = clock.now.plus(horizon);
        flush();
        while (true) {
            Node next = null;
            TimerId nextId = null;
            Instant at = null;
            for (Node n : nodes) {
                for (Map.Entry<TimerId, Instant> e : n.timers.entrySet()) {
                    if (at == null || e.getValue().isBefore(at)) {
                        at = e.getValue();
                        next = n;
                        nextId = e.getKey();
                    }
                }
            }
            if (at == null || at.isAfter(end)) return;
            if (at.isAfter(clock.now)) clock.now = at;
            next.timers.remove(nextId);
            input(next, new EngineInput.TimerFired(nextId));
            flush();
        }
    }
}
