package io.ike4j.interop;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Dumps the logs of the peers a test {@linkplain #watch watched} to stderr when the test fails.
 * Register it on an instance field: {@code @RegisterExtension final PeerLogsOnFailure logs = new PeerLogsOnFailure();}.
 * Peers keep their log after close, so the dump works even after try-with-resources has torn the lab down.
 */
public final class PeerLogsOnFailure implements TestWatcher {

    private final List<IkePeer> peers = new CopyOnWriteArrayList<>();
    private final java.util.Map<IkePeer, LogSince> marks = new java.util.concurrent.ConcurrentHashMap<>();

    /** Watches {@code peer} and returns it. */
    public <P extends IkePeer> P watch(P peer) {
        peers.add(peer);
        return peer;
    }

    /**
     * Watches {@code peer}, a peer shared by several tests, dumping on failure only what it logged from now on
     * (as far as its kept log reaches back).
     */
    public <P extends IkePeer> P watchFromNow(P peer) {
        marks.put(peer, LogSince.mark(peer));
        return watch(peer);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        for (IkePeer p : peers) {
            LogSince since = marks.get(p);
            System.err.println("===== log of " + p.name() + " (" + context.getDisplayName() + ") =====");
            System.err.println(since == null ? p.log() : since.text());
        }
        peers.clear();
        marks.clear();
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        peers.clear();
        marks.clear();
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        peers.clear();
        marks.clear();
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        peers.clear();
        marks.clear();
    }
}
