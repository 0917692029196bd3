package io.ike4j.platform.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ike4j.core.engine.ChildSaInfo;
import io.ike4j.core.engine.Endpoint;
import io.ike4j.core.engine.IkeSaInfo;
import io.ike4j.core.engine.EngineInput;
import io.ike4j.core.engine.EngineOutput;
import io.ike4j.core.engine.SaEvent;
import io.ike4j.core.engine.TimerId;
import io.ike4j.core.engine.TimerId.TimerKind;
import io.ike4j.platform.dataplane.ChildSaSpecs;
import io.ike4j.platform.dataplane.InMemoryDataPlane;
import io.ike4j.platform.net.DatagramSender;
import java.net.InetAddress;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngineRuntimeTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant FAR = NOW.plusSeconds(3600);
    private static final TimerId T1 = new TimerId(1, TimerKind.RETRANSMIT, 0);
    private static final TimerId T2 = new TimerId(2, TimerKind.DPD, 0);

    private final BlockingQueue<EngineInput> inputs = new LinkedBlockingQueue<>();
    private final Map<Class<?>, Function<EngineInput, List<EngineOutput>>> script = new ConcurrentHashMap<>();
    private final BlockingQueue<String> sent = new LinkedBlockingQueue<>();
    private final InMemoryDataPlane dataPlane = new InMemoryDataPlane();
    private final EngineRuntime runtime = new EngineRuntime(this::fakeEngine, new RecordingSender(),
            dataPlane, InstantSource.fixed(NOW));

    /** A scripted engine: records every input and answers by input type. */
    private List<EngineOutput> fakeEngine(EngineInput input) {
        inputs.add(input);
        Function<EngineInput, List<EngineOutput>> f = script.get(input.getClass());
        return f == null ? List.of() : f.apply(input);
    }

    private final class RecordingSender implements DatagramSender {
        @Override
        public boolean sendIke(Endpoint local, Endpoint remote, byte[] data) {
            sent.add("ike " + local + " " + remote + " " + data.length);
            return true;
        }

        @Override
        public boolean sendKeepalive(Endpoint local, Endpoint remote) {
            sent.add("keepalive " + local + " " + remote);
            return true;
        }
    }

    @AfterEach
    void tearDown() {
        runtime.close();
    }

    private static List<EngineOutput> timers(EngineOutput... outputs) {
        return List.of(outputs);
    }

    private EngineInput nextInput() throws InterruptedException {
        EngineInput i = inputs.poll(5, TimeUnit.SECONDS);
        assertThat(i).as("engine input").isNotNull();
        return i;
    }

    @Test
    void anExpiredTimerIsFedBackToTheEngine() throws Exception {
        script.put(EngineInput.Initiate.class, i -> timers(new EngineOutput.StartTimer(T1, NOW.minusSeconds(1))));
        runtime.initiate("conn", "child").get(5, TimeUnit.SECONDS);
        assertThat(nextInput()).isEqualTo(new EngineInput.Initiate("conn", "child"));
        assertThat(nextInput()).isEqualTo(new EngineInput.TimerFired(T1));
        assertThat(runtime.pendingTimers()).isZero();
    }

    @Test
    void reArmingAnIdReplacesTheEarlierTimer() throws Exception {
        script.put(EngineInput.Initiate.class, i -> timers(new EngineOutput.StartTimer(T1, FAR),
                new EngineOutput.StartTimer(T2, FAR)));
        runtime.initiate("c", null).get(5, TimeUnit.SECONDS);
        nextInput();
        assertThat(runtime.pendingTimers()).isEqualTo(2);
        // re-arm T1 to fire now: it fires once, and the far one is gone
        script.put(EngineInput.TerminateIke.class, i -> timers(new EngineOutput.StartTimer(T1, NOW)));
        runtime.terminateIke(1).get(5, TimeUnit.SECONDS);
        nextInput();
        assertThat(nextInput()).isEqualTo(new EngineInput.TimerFired(T1));
        assertThat(runtime.isTimerArmed(T1)).isFalse();
        assertThat(runtime.isTimerArmed(T2)).isTrue();
        // re-arm an immediate timer to the far future before it can fire: it must not fire
        script.put(EngineInput.TerminateChild.class, i -> timers(new EngineOutput.StartTimer(T2, NOW),
                new EngineOutput.StartTimer(T2, FAR)));
        runtime.terminateChild(2, 0).get(5, TimeUnit.SECONDS);
        nextInput();
        script.put(EngineInput.Shutdown.class, i -> timers(new EngineOutput.StartTimer(T1, NOW)));
        runtime.shutdown().get(5, TimeUnit.SECONDS);
        nextInput();
        assertThat(nextInput()).as("only T1 fires").isEqualTo(new EngineInput.TimerFired(T1));
        assertThat(runtime.isTimerArmed(T2)).isTrue();
        assertThat(inputs).isEmpty();
    }

    @Test
    void aCancelledTimerNeverFires() throws Exception {
        script.put(EngineInput.Initiate.class, i -> timers(new EngineOutput.StartTimer(T1, NOW),
                new EngineOutput.CancelTimer(T1), new EngineOutput.StartTimer(T2, FAR), new EngineOutput.CancelTimer(T2)));
        runtime.initiate("c", null).get(5, TimeUnit.SECONDS);
        nextInput();
        // a marker timer armed afterwards fires; the cancelled one must not have come before it
        script.put(EngineInput.Shutdown.class, i -> timers(new EngineOutput.StartTimer(new TimerId(9, TimerKind.DPD, 0), NOW)));
        runtime.shutdown().get(5, TimeUnit.SECONDS);
        nextInput();
        assertThat(nextInput()).isEqualTo(new EngineInput.TimerFired(new TimerId(9, TimerKind.DPD, 0)));
        assertThat(runtime.pendingTimers()).isZero();
        assertThat(inputs).isEmpty();
    }

    @Test
    void aSlowSaDoesNotHoldUpAnother() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        script.put(EngineInput.TerminateIke.class, i -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        });
        var slow = runtime.terminateIke(1);
        // while SA 1 blocks, a timer of SA 2 and a command still get through
        script.put(EngineInput.Initiate.class, i -> timers(new EngineOutput.StartTimer(T2, NOW)));
        runtime.initiate("c", null).get(5, TimeUnit.SECONDS);
        assertThat(inputs.poll(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(inputs.poll(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(inputs.poll(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(slow).isNotDone();
        release.countDown();
        slow.get(5, TimeUnit.SECONDS);
    }

    @Test
    void carriesOutSendsDataPlaneOperationsAndEventsInOrder() throws Exception {
        Endpoint l = new Endpoint(InetAddress.getByName("127.0.0.1"), 500);
        Endpoint r = new Endpoint(InetAddress.getByName("127.0.0.2"), 4500);
        BlockingQueue<SaEvent> events = new LinkedBlockingQueue<>();
        runtime.addListener(e -> { throw new IllegalStateException("a broken listener"); });
        runtime.addListener(events::add);
        SaEvent closed = new SaEvent.IkeSaClosed(1, "conn", "deleted");
        script.put(EngineInput.DatagramReceived.class, i -> {
            try {
                return List.of(new EngineOutput.SendDatagram(l, r, new byte[] {1, 2, 3}),
                        new EngineOutput.SendKeepalive(l, r),
                        new EngineOutput.InstallChildSa(ChildSaSpecs.spec(1, 2, 0xc1, 0xc2, ChildSaSpecs.key(1), ChildSaSpecs.key(2), true)),
                        new EngineOutput.Notify(closed));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        runtime.onIkeDatagram(l, r, new byte[] {9});
        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo(closed);
        assertThat(nextInput()).isEqualTo(new EngineInput.DatagramReceived(l, r, new byte[] {9}));
        assertThat(sent).containsExactly("ike " + l + " " + r + " 3", "keepalive " + l + " " + r);
        assertThat(dataPlane.find(1, 2)).isPresent();

        script.put(EngineInput.TerminateChild.class, i -> List.of(new EngineOutput.RemoveChildSa(1, 2, 0xc1, 0xc2)));
        runtime.terminateChild(1, 2).get(5, TimeUnit.SECONDS);
        assertThat(dataPlane.installed()).isEmpty();
    }

    @Test
    void aChildSaTheDataPlaneRefusesIsReportedFailedAndDeleted() throws Exception {
        Endpoint l = new Endpoint(InetAddress.getByName("127.0.0.1"), 500);
        Endpoint r = new Endpoint(InetAddress.getByName("127.0.0.2"), 500);
        dataPlane.install(ChildSaSpecs.spec(1, 2, 0xc1, 0xc2, ChildSaSpecs.key(1), ChildSaSpecs.key(2), true));
        BlockingQueue<SaEvent> events = new LinkedBlockingQueue<>();
        runtime.addListener(events::add);
        ChildSaInfo child = new ChildSaInfo(2, "child", "INSTALLED", "TUNNEL", "ESP", false, 0xc1, 0xc2, "AES_GCM_16",
                256, "", "", false, List.of("10.1.0.0/24"), List.of("10.2.0.0/24"), 0);
        IkeSaInfo ike = new IkeSaInfo(1, "conn", "ESTABLISHED", 2, l, r, "a", "b", 1, 2, true, "AES_GCM_16", 256, "",
                "PRF_HMAC_SHA2_256", "CURVE_25519", false, false, 0, List.of(child));
        script.put(EngineInput.DatagramReceived.class, i -> {
            try { // the same CHILD_SA again: the in-memory data plane refuses a duplicate
                return List.of(new EngineOutput.InstallChildSa(ChildSaSpecs.spec(1, 2, 0xc1, 0xc2, ChildSaSpecs.key(1),
                                ChildSaSpecs.key(2), true)),
                        new EngineOutput.SendDatagram(l, r, new byte[] {1, 2, 3}),
                        new EngineOutput.Notify(new SaEvent.IkeSaEstablished(1, "conn", ike)),
                        new EngineOutput.Notify(new SaEvent.ChildSaEstablished(1, "conn", 2, "child", child)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        script.put(EngineInput.TerminateChild.class, i -> {
            sent.add("terminate");
            return List.of(new EngineOutput.Notify(new SaEvent.ChildSaClosed(1, "conn", 2, "child", "deleted")));
        });
        runtime.onIkeDatagram(l, r, new byte[] {9});
        SaEvent first = events.poll(5, TimeUnit.SECONDS);
        assertThat(first).isInstanceOf(SaEvent.IkeSaEstablished.class);
        assertThat(((SaEvent.IkeSaEstablished) first).info().children()).as("the refused CHILD_SA is not listed").isEmpty();
        SaEvent second = events.poll(5, TimeUnit.SECONDS);
        assertThat(second).isInstanceOf(SaEvent.ChildSaFailed.class);
        assertThat(((SaEvent.ChildSaFailed) second).reason()).startsWith("installing the CHILD_SA failed: ");
        assertThat(events.poll(5, TimeUnit.SECONDS)).isInstanceOf(SaEvent.ChildSaClosed.class);
        assertThat(nextInput()).isInstanceOf(EngineInput.DatagramReceived.class);
        assertThat(nextInput()).isEqualTo(new EngineInput.TerminateChild(1, 2));
        assertThat(sent).as("the response went out before the delete").containsExactly("ike " + l + " " + r + " 3", "terminate");
        assertThat(runtime.failures()).isEqualTo(1);
    }

    @Test
    void engineFailuresAreContainedAndCounted() throws Exception {
        script.put(EngineInput.Initiate.class, i -> { throw new IllegalStateException("engine bug"); });
        assertThatThrownBy(() -> runtime.initiate("c", null).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasRootCauseMessage("engine bug");
        assertThat(runtime.failures()).isEqualTo(1);
        script.put(EngineInput.Shutdown.class, i -> List.of());
        assertThat(runtime.shutdown().get(5, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void closedRuntimeRejectsInputs() {
        runtime.close();
        assertThat(runtime.initiate("c", null)).isCompletedExceptionally();
    }
}
