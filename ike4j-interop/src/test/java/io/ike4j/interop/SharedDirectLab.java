package io.ike4j.interop;

import io.ike4j.interop.NetnsLab.Side;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Base of the test classes that share one direct lab for all their cases (a new lab and two daemons per case
 * would be much slower): ike4j on LEFT ({@code 192.0.2.1}), strongSwan on RIGHT ({@code 192.0.2.2}). Before each
 * case both sides drop their SAs; each case loads its own configuration ({@code load-all}) under a fresh
 * connection name, so a leftover of one case can never be mistaken for the next one's SA. A daemon that died is
 * restarted with a fresh lab. The lab is torn down after the class, also when a case failed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SharedDirectLab {

    static final String CHILD = SwanctlConf.CHILD;
    static final Side IKE4J_SIDE = Side.LEFT;
    private static final AtomicInteger CONNECTIONS = new AtomicInteger();

    @RegisterExtension
    final PeerLogsOnFailure logs = new PeerLogsOnFailure();
    private final PeerLogsOnFailure setupLogs = new PeerLogsOnFailure();

    private NetnsLab lab;
    private LogSince ike4jLog;
    PeerPair pair;

    @BeforeAll
    void startLab() {
        Requirements.assumeInteropAvailable();
        strongSwanRoot();
        open();
    }

    private void open() {
        lab = newLab();
        try {
            pair = PeerPair.start(lab, IKE4J_SIDE, side -> SwanctlConf.forLab(lab, side), ike4jOptions(),
                    strongSwanOptions(), setupLogs, strongSwanRoot());
        } catch (RuntimeException e) {
            lab.close();
            lab = null;
            throw e;
        }
    }

    @BeforeEach
    void cleanSlate() {
        Requirements.assumeInteropAvailable();
        strongSwanRoot();
        if (pair == null || !pair.ike4j().alive() || !pair.strongSwan().alive()) {
            System.err.println("a daemon died: restarting the lab");
            stopLab();
            open();
        }
        logs.watchFromNow(pair.ike4j());
        logs.watchFromNow(pair.strongSwan());
        pair.reset();
        ike4jLog = LogSince.mark(pair.ike4j());
    }

    /** Whatever a case did, ike4j's daemon must not have logged a Java exception (bad input is typed, never thrown). */
    @AfterEach
    void noExceptionInIke4jLog() {
        if (ike4jLog != null) {
            String log = ike4jLog.text();
            ike4jLog = null;
            org.assertj.core.api.Assertions.assertThat(log).as("ike4j's log")
                    .doesNotContainPattern("(?m)Exception\\b|^\\s+at [\\w.$]+\\(");
        }
    }

    @AfterAll
    void stopLab() {
        if (pair != null) {
            pair.close();
            pair = null;
        }
        if (lab != null) {
            lab.close();
            lab = null;
        }
    }

    /**
     * Where strongSwan comes from: null for the system's (5.9.8), or a chroot folder ({@link StrongSwan61#assumeAvailable()},
     * which also skips or fails the class when it is missing).
     */
    java.nio.file.Path strongSwanRoot() {
        return null;
    }

    /** The lab of the class: a direct link unless a subclass needs another topology (e.g. {@link NetnsLab#routed()}). */
    NetnsLab newLab() {
        return NetnsLab.direct();
    }

    /** How ike4j's daemon is started; a subclass may add {@code --keylog}. */
    Ike4jPeer.Options ike4jOptions() {
        return Ike4jPeer.Options.defaults();
    }

    /** How strongSwan's charon is started; a subclass may add strongswan.conf settings. */
    StrongSwanPeer.Options strongSwanOptions() {
        return StrongSwanPeer.Options.defaults();
    }

    NetnsLab lab() {
        return lab;
    }

    /** Pings from {@code from}'s inner address to the other side's, one at a time, until one is answered. */
    void pingUntilAnswered(Side from, java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ExecResult last = null;
        while (System.nanoTime() < deadline) {
            last = lab.exec(lab.namespace(from), java.time.Duration.ofSeconds(5), "ping", "-c", "1", "-W", "1",
                    "-I", lab.innerAddress(from), lab.innerAddress(from.other()));
            if (last.ok()) return;
        }
        throw new AssertionError("no ping from " + from + " answered within " + timeout + (last == null ? "" : "\n" + last.describe()));
    }

    /** Waits until ike4j's log has a line matching {@code regex}. */
    void awaitIke4jLog(String regex, java.time.Duration wait) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex);
        long deadline = System.nanoTime() + wait.toNanos();
        while (!p.matcher(pair.ike4j().log()).find()) {
            if (System.nanoTime() > deadline) throw new AssertionError("ike4j never logged /" + regex + "/ within " + wait);
            IkePeer.sleep(200);
        }
    }

    /** Takes {@code side}'s lab interface down (the peer looks dead: a cut link) or up again. */
    void setLink(Side side, boolean up) {
        lab.exec(side, "ip", "link", "set", "eth0", up ? "up" : "down").orThrow();
    }

    /** A connection name no earlier case of this JVM used. */
    static String freshConnection() {
        return "c" + CONNECTIONS.incrementAndGet();
    }

    /** The lab's default connection for {@code side} under connection name {@code name}, adjusted by {@code tweak}. */
    Function<Side, SwanctlConf> conf(String name, java.util.function.BiFunction<Side, SwanctlConf, SwanctlConf> tweak) {
        return side -> tweak.apply(side, SwanctlConf.forLab(lab, side).connection(name));
    }
}
