package io.ike4j.interop;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One IKE daemon in a lab namespace, driven from the test. {@link StrongSwanPeer} is strongSwan's charon; an
 * {@code Ike4jPeer} (once the daemon exists) runs {@code bin/ike4j daemon --conf FILE --uri unix:///PATH} and
 * maps {@code bin/ike4j initiate|list-sas --json} onto these methods, reporting the same {@link SaView}s.
 */
public interface IkePeer extends AutoCloseable {

    /** A short label for messages and log dumps, e.g. {@code strongswan-LEFT}. */
    String name();

    /** Starts the daemon, waits until its control socket answers, and loads its configuration. */
    void start();

    /** Initiates the CHILD_SA {@code child} (and its IKE SA) and waits for the outcome; throws {@link LabException} if it fails. */
    void initiate(String child);

    /** Deletes the IKE SA of connection {@code ike} (and its CHILD_SAs). */
    void terminate(String ike);

    /** The daemon's current IKE SAs with their CHILD_SAs. */
    List<SaView> listSas();

    /** The daemon's log so far (kept after {@link #close()}, for failure reports). */
    String log();

    /** Stops the daemon; idempotent. */
    @Override
    void close();

    /** The IKE SA of connection {@code ike}, if any. */
    default Optional<SaView> ikeSa(String ike) {
        return listSas().stream().filter(sa -> ike.equals(sa.name())).findFirst();
    }

    /**
     * Polls {@link #listSas()} until connection {@code ike} is ESTABLISHED with CHILD_SA {@code child} INSTALLED
     * (the responder may list it a moment after the initiator returned), or throws after {@code timeout}.
     */
    default SaView awaitEstablished(String ike, String child, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<SaView> sa = ikeSa(ike).filter(s -> s.established() && s.installedChild(child).isPresent());
            if (sa.isPresent()) {
                return sa.get();
            }
            if (System.nanoTime() > deadline) {
                throw new LabException(name() + ": no ESTABLISHED " + ike + " with INSTALLED " + child + " within "
                        + timeout + "; SAs: " + listSas());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted", e);
            }
        }
    }
}
