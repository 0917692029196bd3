package io.ike4j.daemon.control;

/**
 * Daemon counters for {@code stats}; {@code installedChildSas} is what the data plane holds installed (each CHILD_SA
 * an inbound and an outbound SA), -1 if the backend cannot tell.
 */
public record StatsSnapshot(long uptimeSeconds, long startedAtEpochSecond, int ikeSas, int halfOpenSas, int childSas,
                            long packetsIn, long packetsOut, long bytesIn, long bytesOut, long retransmits, long errors,
                            int installedChildSas) {

    /** Without a data plane count. */
    public StatsSnapshot(long uptimeSeconds, long startedAtEpochSecond, int ikeSas, int halfOpenSas, int childSas,
                         long packetsIn, long packetsOut, long bytesIn, long bytesOut, long retransmits, long errors) {
        this(uptimeSeconds, startedAtEpochSecond, ikeSas, halfOpenSas, childSas, packetsIn, packetsOut, bytesIn, bytesOut,
                retransmits, errors, -1);
    }
}
