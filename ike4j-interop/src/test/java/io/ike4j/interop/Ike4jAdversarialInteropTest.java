package io.ike4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
 * Issue 7 item 2: crafted IKEv2/IKEv1 messages against a running ike4j daemon, by the classes of the public CVE
 * history of strongSwan, libreswan, OpenBSD iked and racoon. One lab for all cases ({@link AdversarialLab}): ike4j
 * responds on LEFT with a 2 s half-open timeout, strongSwan 5.9.8 on RIGHT holds an established IKE SA with it all
 * along, and the attacker ({@link Adversary}) sits in RIGHT's namespace on a second address. It completes IKE_SA_INIT
 * with its own Diffie-Hellman (ike4j-core's initiator engine) when a case needs to reach what is behind SK.
 *
 * <p>For every case: the daemon's answer (a Notify error, a success, or a silent drop), a log line that explains it,
 * the daemon alive, no Java exception in its log, no half-open or other IKE SA left once the case is over (the
 * control socket's {@code stats} and {@code list-sas}), and strongSwan's IKE SA untouched. At the end strongSwan
 * establishes a new IKE SA while crafted messages keep arriving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Ike4jAdversarialInteropTest {
    /** Half-open SAs (an attacker that never continues) go after this, so each case ends clean quickly. */
    static final Ike4jPeer.Options OPTIONS = Ike4jPeer.Options.defaults()
            .withDaemonArgs("--dos", "cookie-threshold=1000,cookie-threshold-ip=1000,block-threshold=1000,half-open-timeout=1500ms");
    private static final Duration CLEAN = Duration.ofSeconds(20);

    @RegisterExtension
    final PeerLogsOnFailure logs = new PeerLogsOnFailure();
    private AdversarialLab lab;
    private int cases;

    @BeforeAll
    void startLab() {
        Requirements.assumeInteropAvailable();
        lab = new AdversarialLab(logs, OPTIONS);
        lab.establishStrongSwan();
    }

    @AfterAll
    void stopLab() {
        if (lab != null) lab.close();
    }

    /** All cases; {@code -Dike4j.adversarial.only=TEXT} keeps those whose name contains TEXT (to debug one). */
    static Stream<AttackCase> cases() {
        String only = System.getProperty("ike4j.adversarial.only", "");
        return Stream.of(SaInitAttacks.cases(), AuthAttacks.cases(), SaAttacks.cases(), EapAttacks.cases(), SignatureAttacks.cases()).flatMap(s -> s)
                .filter(c -> c.name().contains(only));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Order(1)
    void crafted(AttackCase c) {
        Requirements.assumeInteropAvailable();
        Ike4jPeer ike4j = lab.pair.ike4j();
        logs.watchFromNow(ike4j);
        LogSince log = LogSince.mark(ike4j);
        long errors = lab.stats().number("errors").orElse(0);
        Adversary.Answer answer;
        try (Adversary a = lab.attacker(c.source())) {
            a.wait = c.expect().description().startsWith("no answer") ? Adversary.SILENCE : Adversary.ANSWER;
            answer = c.attack().apply(a);
        }
        assertThat(ike4j.alive()).as(c + ": the daemon is alive").isTrue();
        assertThat(c.expect().check().test(answer)).as(c + ": expected " + c.expect() + ", got " + answer + "\nlog:\n" + log.text()).isTrue();
        if (c.log().pattern().equals(AttackCase.ERRORS_COUNTED)) {
            assertThat(lab.stats().number("errors").orElse(0)).as(c + ": stats errors").isGreaterThan(errors);
        } else {
            awaitLog(log, c);
        }
        lab.awaitOnlyStrongSwan(c.name(), CLEAN); // the daemon still holds strongSwan's SA, ESTABLISHED, same SPI
        if (++cases % 8 == 0) lab.assertStrongSwanUp(); // and strongSwan agrees (swanctl costs a process: every 8th case)
        assertThat(log.text()).as(c + ": ike4j's log").doesNotContainPattern("(?m)Exception\\b|^\\s+at [\\w.$]+\\(|internal error");
    }

    private static void awaitLog(LogSince log, AttackCase c) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!c.log().matcher(log.text()).find() && System.nanoTime() < deadline) IkePeer.sleep(100);
        assertThat(log.text()).as(c + ": a log line explaining it").containsPattern(c.log());
    }

    /** After the suite, and while crafted messages keep coming, strongSwan establishes a new IKE SA with the daemon. */
    @Test
    @Order(2)
    void strongSwanEstablishesWhileAttacked() throws Exception {
        Requirements.assumeInteropAvailable();
        lab.assertStrongSwanUp();
        try (Adversary a = lab.attacker(AdversarialLab.ATTACKER)) {
            Thread noise = Thread.ofVirtual().start(() -> {
                byte[] request = a.saInitRequest();
                byte[] badLength = Surgery.payloadLength(request, 34, 0);
                byte[] badKe = Surgery.truncate(request, request.length - 7);
                try {
                    while (true) {
                        a.send(badLength);
                        a.send(badKe);
                        Thread.sleep(20);
                    }
                } catch (InterruptedException e) {
                    // done
                }
            });
            try {
                lab.pair.terminate(PeerPair.Direction.STRONGSWAN_INITIATES, SwanctlConf.CONNECTION);
                lab.establishStrongSwan();
            } finally {
                noise.interrupt();
                noise.join(5000);
            }
        }
        lab.awaitOnlyStrongSwan("after the suite", CLEAN);
        assertThat(lab.pair.ike4j().alive()).isTrue();
    }
}
