package io.ike4j.core.engine;

import io.ike4j.core.config.AuthConfig;
import io.ike4j.core.config.ChildConfig;
import io.ike4j.core.config.ConnectionConfig;
import io.ike4j.core.config.EngineConfig;
import io.ike4j.core.config.SharedSecret;
import io.ike4j.core.crypto.RandomSource;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Scale measurement (issue #7 item 3): one responder engine holding {@code count} established IKE SAs, each with a
 * CHILD_SA, set up in-process by one initiator engine (datagrams handed over directly, a fixed clock, seeded
 * randomness, no data plane). Measures the responder's heap per SA (MemoryMXBean after GC, with the initiator
 * released first), the setup rate in the first and the last tenth (a hash-map SA table keeps them alike), and how the
 * responder's rekey deadlines spread over rand_time.
 *
 * <p>Run at full size (not part of CI):
 * {@code mvn -q -B -pl ike4j-core -am test -Dtest=ScaleTest -Dike4j.scale.count=100000 -Dsurefire.failIfNoSpecifiedTests=false}
 */
final class ScaleHarness {
    /** The figures of one run. */
    record Result(int count, int established, long responderHeapBytes, double firstTenthPerSecond,
                  double lastTenthPerSecond, int rekeyTimers, Duration rekeyEarliest, Duration rekeyLatest,
                  int rekeyBusiestMinute) {
        long heapPerSa() {
            return established == 0 ? 0 : responderHeapBytes / established;
        }

        String text() {
            return String.format(Locale.ROOT, "scale: %d/%d IKE SAs (each with a CHILD_SA) on the responder; heap %.1f MiB = %d B/SA;"
                            + " setup %.0f/s first tenth, %.0f/s last tenth; %d IKE rekey timers from +%s to +%s,"
                            + " at most %d in any minute",
                    established, count, responderHeapBytes / 1048576.0, heapPerSa(), firstTenthPerSecond,
                    lastTenthPerSecond, rekeyTimers, rekeyEarliest, rekeyLatest, rekeyBusiestMinute);
        }
    }

    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Endpoint addrA;
    private final Endpoint addrB;

    ScaleHarness() throws Exception {
        addrA = new Endpoint(InetAddress.getByName("192.0.2.1"), 500);
        addrB = new Endpoint(InetAddress.getByName("192.0.2.2"), 500);
    }

    private Engine engine(EngineConfig config, long seed) {
        Random r = new Random(seed);
        RandomSource rs = r::nextBytes;
        return Engine.create(new EngineContext(config, () -> now, rs, null, java.util.Optional.empty(),
                SourceAddressSelector.NONE));
    }

    /** PSK, AES-GCM-256/SHA-256/X25519, rekey 4h (IKE) and 1h (CHILD); {@code unique = never} so SAs pile up. */
    private static EngineConfig config(boolean initiator) {
        String self = initiator ? "moon.example.org" : "sun.example.org";
        String peer = initiator ? "sun.example.org" : "moon.example.org";
        return EngineConfig.builder().secret(SharedSecret.of("correct horse battery staple", self, peer))
                .connection(ConnectionConfig.builder("gw").localAddrs(initiator ? "192.0.2.1" : "192.0.2.2")
                        .remoteAddrs(initiator ? "192.0.2.2" : "%any").ikeProposals("aes256gcm16-prfsha256-x25519")
                        .local(AuthConfig.psk(self)).remote(AuthConfig.psk(peer)).unique(ConnectionConfig.Unique.NEVER)
                        .rekeyTime(Duration.ofHours(4))
                        .child(ChildConfig.builder("net").localTs(initiator ? "10.1.0.0/16" : "10.2.0.0/16")
                                .remoteTs(initiator ? "10.2.0.0/16" : "10.1.0.0/16").espProposals("aes128gcm16")
                                .rekeyTime(Duration.ofHours(1)).build())
                        .build()).build();
    }

    Result run(int count) {
        long before = usedHeapAfterGc();
        Engine responder = engine(config(false), 2);
        Engine initiator = engine(config(true), 1);
        Map<TimerId, Instant> responderTimers = new HashMap<>();
        int[] childrenUp = {0};
        Deque<Runnable> pending = new ArrayDeque<>();
        long start = System.nanoTime();
        long firstTenthNanos = 0;
        long lastTenthStart = 0;
        int tenth = Math.max(1, count / 10);
        for (int i = 0; i < count; i++) {
            if (i == tenth) firstTenthNanos = System.nanoTime() - start;
            if (i == count - tenth) lastTenthStart = System.nanoTime();
            deliver(initiator, responder, initiator.handle(new EngineInput.Initiate("gw", "net", true)), pending, true,
                    responderTimers, childrenUp);
            while (!pending.isEmpty()) pending.poll().run();
        }
        long lastTenthNanos = System.nanoTime() - lastTenthStart;
        int established = responder.listSas().size();
        List<Instant> rekeys = new ArrayList<>();
        responderTimers.forEach((id, at) -> {
            if (id.kind() == TimerId.TimerKind.IKE_REKEY) rekeys.add(at);
        });
        responderTimers.clear();
        rekeys.sort(null);
        Map<Long, Integer> perMinute = new HashMap<>();
        for (Instant at : rekeys) perMinute.merge(Duration.between(now, at).toMinutes(), 1, Integer::sum);
        initiator = null; // only the responder's SAs are measured
        long used = usedHeapAfterGc() - before;
        if (responder.listSas().size() != established) throw new IllegalStateException("SAs vanished");
        return new Result(count, Math.min(established, childrenUp[0]), used,
                tenth * 1e9 / Math.max(1, firstTenthNanos), tenth * 1e9 / Math.max(1, lastTenthNanos), rekeys.size(),
                rekeys.isEmpty() ? Duration.ZERO : Duration.between(now, rekeys.getFirst()),
                rekeys.isEmpty() ? Duration.ZERO : Duration.between(now, rekeys.getLast()),
                perMinute.values().stream().mapToInt(Integer::intValue).max().orElse(0));
    }

    /** Feeds {@code from}'s datagrams to the other engine (queued, so the recursion stays flat). */
    private void deliver(Engine from, Engine to, List<EngineOutput> outputs, Deque<Runnable> pending, boolean fromInitiator,
                         Map<TimerId, Instant> responderTimers, int[] childrenUp) {
        for (EngineOutput o : outputs) {
            switch (o) {
                case EngineOutput.SendDatagram d -> pending.add(() -> {
                    Endpoint src = fromInitiator ? addrA : addrB;
                    Endpoint dst = fromInitiator ? addrB : addrA;
                    deliver(to, from, to.handle(new EngineInput.DatagramReceived(dst, src, d.data())), pending,
                            !fromInitiator, responderTimers, childrenUp);
                });
                case EngineOutput.StartTimer t when !fromInitiator -> responderTimers.put(t.id(), t.deadline());
                case EngineOutput.CancelTimer t when !fromInitiator -> responderTimers.remove(t.id());
                case EngineOutput.Notify n when !fromInitiator && n.event() instanceof SaEvent.ChildSaEstablished ->
                        childrenUp[0]++;
                default -> { }
            }
        }
    }

    static long usedHeapAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) { // a few rounds until the figure settles
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
