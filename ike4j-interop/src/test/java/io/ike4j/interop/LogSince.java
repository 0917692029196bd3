package io.ike4j.interop;

/**
 * What a peer logged after a point in time, for assertions on log lines in a lab shared by several cases (an
 * earlier case's lines must not satisfy a later case's assertion). The point is remembered as the last characters
 * of the log then, and found again later (the kept log is a bounded tail, so offsets would not do).
 */
public final class LogSince {

    private static final int ANCHOR = 256;

    private final IkePeer peer;
    private final String anchor;

    private LogSince(IkePeer peer, String anchor) {
        this.peer = peer;
        this.anchor = anchor;
    }

    /** Marks the current end of {@code peer}'s log. */
    public static LogSince mark(IkePeer peer) {
        String log = peer.log();
        return new LogSince(peer, log.substring(Math.max(0, log.length() - ANCHOR)));
    }

    /** The log written since the mark (all of the kept log if the mark scrolled out of it). */
    public String text() {
        String log = peer.log();
        if (anchor.isEmpty()) {
            return log;
        }
        int at = log.lastIndexOf(anchor);
        return at < 0 ? log : log.substring(at + anchor.length());
    }
}
