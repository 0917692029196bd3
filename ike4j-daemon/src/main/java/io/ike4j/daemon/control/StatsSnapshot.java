package io.ike4j.daemon.control;

/** Daemon counters for {@code stats}. */
public record StatsSnapshot(long uptimeSeconds, long startedAtEpochSecond, int ikeSas, int halfOpenSas, int childSas,
                            long packetsIn, long packetsOut, long bytesIn, long bytesOut, long retransmits, long errors) {}
