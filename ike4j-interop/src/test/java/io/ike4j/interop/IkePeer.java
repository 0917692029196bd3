package io.ike4j.interop;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One IKE daemon in a lab namespace, driven from the test through its own command-line tool. {@link StrongSwanPeer}
 * is strongSwan's charon driven by {@code swanctl}; {@link Ike4jPeer} runs {@code bin/ike4j daemon --conf FILE
 * --uri unix:///PATH} and maps {@code bin/ike4j initiate|terminate|load-all|list-sas --json} onto these methods,
 * reporting the same {@link SaView}s.
 */
public interface IkePeer extends AutoCloseable {

    /** A short label for messages and log dumps, e.g. {@code strongswan-LEFT}. */
    String name();

    /** Starts the daemon, waits until its control socket answers, and loads its configuration. */
    void start();

    /** Initiates the CHILD_SA {@code child} (and its IKE SA) and waits for the outcome; throws {@link LabException} if it fails. */
    default void initiate(String child) {
        ExecResult r = tryInitiate(child);
        if (!r.ok()) {
            throw new LabException(name() + ": initiate " + child + " failed: " + r.describe());
        }
    }

    /** Initiates the CHILD_SA {@code child} with the peer's own tool and returns how that tool finished (for failure tests). */
    ExecResult tryInitiate(String child);

    /** Writes {@code conf} as the peer's swanctl.conf and makes the running daemon load it ({@code load-all}). */
    void reload(SwanctlConf conf);

    /** Whether the daemon process is still running. */
    boolean alive();

    /** Deletes the IKE SA of connection {@code ike} (and its CHILD_SAs). */
    void terminate(String ike);

    /** The daemon's current IKE SAs with their CHILD_SAs. */
    List<SaView> listSas();

    /** The daemon's log so far (kept after {@link #close()}, for failure reports). */
    String log();

    /** Stops the daemon; idempotent. */
    @Override
    void close();

    /** Terminates every IKE SA the peer lists (best effort) and waits until it lists none. */
    default void terminateAll(Duration timeout) {
        for (SaView sa : listSas()) {
            try {
                terminate(sa.name());
            } catch (LabException e) {
                // already going away, or the peer deleted it meanwhile: the wait below decides
            }
        }
        awaitNoSas(timeout);
    }

    /** Polls until the peer lists no IKE SA, or throws after {@code timeout}. */
    default void awaitNoSas(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<SaView> sas;
        while (!(sas = listSas()).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new LabException(name() + ": SAs still listed after " + timeout + ": " + sas);
            }
            sleep(100);
        }
    }

    /** The IKE SA of connection {@code ike}, if any. */
    default Optional<SaView> ikeSa(String ike) {
        return listSas().stream().filter(sa -> ike.equals(sa.name())).findFirst();
    }

    /**
     * Polls {@link #listSas()} until connection {@code ike} is ESTABLISHED with CHILD_SA {@code child} INSTALLED
     * (the responder may list it a moment after the initiator returned), or throws after {@code timeout}.
     */
    default SaView awaitEstablished(String ike, String child, Duration timeout) {
        return awaitSa(sa -> ike.equals(sa.name()) && sa.established() && sa.installedChild(child).isPresent(),
                "ESTABLISHED " + ike + " with INSTALLED " + child, timeout);
    }

    /** Polls {@link #listSas()} until an IKE SA matches {@code wanted} (described by {@code what}), or throws after {@code timeout}. */
    default SaView awaitSa(java.util.function.Predicate<SaView> wanted, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<SaView> sa = listSas().stream().filter(wanted).findFirst();
            if (sa.isPresent()) {
                return sa.get();
            }
            if (System.nanoTime() > deadline) {
                throw new LabException(name() + ": no " + what + " within " + timeout + "; SAs: " + listSas());
            }
            sleep(100);
        }
    }

    /** Sleeps, turning an interrupt into a {@link LabException}. */
    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted", e);
        }
    }
}
