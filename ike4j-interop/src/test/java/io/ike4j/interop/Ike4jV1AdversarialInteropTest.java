package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 8 item 9: the adversarial suite of issue 7 for IKEv1, against a running daemon with {@code version = 1}
 * connections ({@link V1AdversarialLab}): strongSwan 5.9.8 holds an IKEv1 tunnel to ike4j all along, and an attacker
 * in its namespace sends crafted ISAKMP messages, as an outsider (raw bytes) or as an insider that runs Main,
 * Aggressive and Quick Mode for real with ike4j-core's engine and then abuses its keys ({@link V1PhaseOneAttacks},
 * {@link V1InformationalAttacks}). IKEv1 fragments: {@link V1FragmentAttacks}.
 *
 * <p>For every case: the daemon's answer or silence (asserted by the case), a log line that explains it, the daemon
 * alive, no Java exception in its log, no half-open or attacker SA left once the case is over, strongSwan's ISAKMP SA
 * untouched, and a ping through strongSwan's tunnel. At the end a flood of Main Mode message 1 runs while strongSwan
 * sets its tunnel up again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Ike4jV1AdversarialInteropTest {
    /** A block threshold of 6 per address and a hard limit of 40 half-open SAs; half-open SAs go after 1.5 s. */
    static final Ike4jPeer.Options OPTIONS = Ike4jPeer.Options.defaults()
            .withDaemonArgs("--dos", "cookie-threshold=1000,cookie-threshold-ip=1000,block-threshold=6,half-open-limit=40,half-open-timeout=1500ms");
    private static final Duration CLEAN = Duration.ofSeconds(20);

    @RegisterExtension
    final PeerLogsOnFailure logs = new PeerLogsOnFailure();
    private V1AdversarialLab lab;

    @BeforeAll
    void startLab() {
        Requirements.assumeInteropAvailable();
        lab = new V1AdversarialLab(logs, OPTIONS);
        lab.establishStrongSwan();
        lab.ping();
    }

    @AfterAll
    void stopLab() {
        if (lab != null) lab.close();
    }

    /** All cases; {@code -Dike4j.adversarial.only=TEXT} keeps those whose name contains TEXT (to debug one). */
    static Stream<V1AttackCase> cases() {
        String only = System.getProperty("ike4j.adversarial.only", "");
        return Stream.of(V1PhaseOneAttacks.cases(), V1InformationalAttacks.cases(), V1FragmentAttacks.cases()).flatMap(s -> s).filter(c -> c.name().contains(only));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Order(1)
    void crafted(V1AttackCase c) {
        Requirements.assumeInteropAvailable();
        Ike4jPeer ike4j = lab.pair.ike4j();
        logs.watchFromNow(ike4j);
        LogSince log = LogSince.mark(ike4j);
        try (V1Insider a = lab.attacker(c.source())) {
            c.attack().run(lab, a);
        }
        assertThat(ike4j.alive()).as(c + ": the daemon is alive").isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!c.log().matcher(log.text()).find() && System.nanoTime() < deadline) IkePeer.sleep(100);
        assertThat(log.text()).as(c + ": a log line explaining it").containsPattern(c.log());
        lab.awaitOnlyStrongSwan(c.name(), CLEAN); // the attacker's SAs deleted or timed out, strongSwan's untouched
        lab.ping(); // and its tunnel still carries traffic
        assertThat(log.text()).as(c + ": ike4j's log").doesNotContainPattern("(?m)Exception\\b|^\\s+at [\\w.$]+\\(|internal error");
    }

    /**
     * RFC 2408 has no stateless cookie exchange: a flood of Main Mode message 1 (fresh initiator cookies) from one
     * address is held at the block threshold, and strongSwan sets its tunnel up again meanwhile.
     */
    @Test
    @Order(2)
    void mainModeFloodIsHeldAtTheBlockThresholdWhileStrongSwanReconnects() throws Exception {
        Requirements.assumeInteropAvailable();
        LogSince log = LogSince.mark(lab.pair.ike4j());
        List<Integer> halfOpen = new ArrayList<>();
        int answers;
        try (V1Insider a = lab.attacker(V1AdversarialLab.ATTACKER); V1Insider b = lab.attacker(V1AdversarialLab.ATTACKER)) {
            Thread flood = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        b.send(b.firstMessage());
                        Thread.sleep(20);
                    }
                } catch (InterruptedException e) {
                    // done
                }
            });
            try {
                for (int i = 0; i < 100; i++) a.send(a.firstMessage());
                for (int i = 0; i < 5; i++) {
                    halfOpen.add((int) lab.control.stats().number("half-open").orElse(-1));
                    IkePeer.sleep(200);
                }
                lab.pair.terminate(PeerPair.Direction.STRONGSWAN_INITIATES, SwanctlConf.CONNECTION);
                lab.establishStrongSwan();
            } finally {
                flood.interrupt();
                flood.join(5000);
            }
            answers = 0;
            while (a.receive(Duration.ofMillis(300)).isPresent()) answers++;
        }
        assertThat(halfOpen).as("half-open SAs during the flood").allMatch(n -> n >= 0 && n <= 6 + 1);
        assertThat(answers).as("Main Mode message 2 answers to the flood's 100 requests").isLessThanOrEqualTo(6);
        assertThat(log.text()).contains("ignoring IKEv1 IDENTITY_PROTECTION").contains("block threshold 6");
        lab.awaitOnlyStrongSwan("after the flood", CLEAN);
        lab.ping();
        assertThat(lab.pair.ike4j().alive()).isTrue();
    }
}
