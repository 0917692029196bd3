package io.ike4j.daemon.log;

import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/**
 * One line per event: {@code 2025-01-02T03:04:05.678Z [ike] <home|3> IKE_SA home[3] established …}. SA lines name the
 * connection and the SA's unique id. Thread-safe; the sink receives complete lines (no newline).
 * Callers must never pass key material (DEVELOPERS.md).
 */
public final class DaemonLog {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final LogLevels levels;
    private final InstantSource clock;
    private final Consumer<String> sink;

    public DaemonLog(LogLevels levels, InstantSource clock, Consumer<String> sink) {
        this.levels = levels;
        this.clock = clock;
        this.sink = sink;
    }

    public boolean enabled(Subsystem s, int level) {
        return levels.enabled(s, level);
    }

    /** A line not tied to an SA. */
    public void log(Subsystem s, int level, String message) {
        if (!levels.enabled(s, level)) return;
        emit(format(clock.instant(), s, null, 0, message));
    }

    /** A line about an SA: prefixed {@code <connection|uniqueid>} like charon. */
    public void sa(Subsystem s, int level, String connection, long ikeSaId, String message) {
        if (!levels.enabled(s, level)) return;
        emit(format(clock.instant(), s, connection, ikeSaId, message));
    }

    static String format(Instant at, Subsystem s, String connection, long ikeSaId, String message) {
        StringBuilder sb = new StringBuilder(96).append(TS.format(at)).append(" [").append(s.tag()).append("] ");
        if (connection != null) sb.append('<').append(connection).append('|').append(ikeSaId).append("> ");
        // one event, one line: embedded line breaks would let a peer-supplied string forge log lines
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return sb.toString();
    }

    private void emit(String line) {
        synchronized (this) {
            sink.accept(line);
        }
    }
}
