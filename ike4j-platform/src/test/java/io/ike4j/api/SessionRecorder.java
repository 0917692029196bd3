package io.ike4j.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records an IKE session's and its child's callbacks, in order, with futures to wait on. */
final class SessionRecorder implements IkeSessionCallback {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final CompletableFuture<IkeSessionConfiguration> ikeOpened = new CompletableFuture<>();
    final CompletableFuture<ChildSessionConfiguration> childOpened = new CompletableFuture<>();
    /** Completes with null on a clean close, with the exception otherwise. */
    final CompletableFuture<IkeException> ikeClosed = new CompletableFuture<>();
    final CompletableFuture<IkeException> childClosed = new CompletableFuture<>();

    final ChildSessionCallback child = new ChildSessionCallback() {
        @Override
        public void onOpened(ChildSessionConfiguration c) {
            calls.add("child opened");
            childOpened.complete(c);
        }

        @Override
        public void onClosed() {
            calls.add("child closed");
            childClosed.complete(null);
        }

        @Override
        public void onClosedExceptionally(IkeException e) {
            calls.add("child failed " + e.getClass().getSimpleName());
            childClosed.complete(e);
        }
    };

    @Override
    public void onOpened(IkeSessionConfiguration c) {
        calls.add("ike opened");
        ikeOpened.complete(c);
    }

    @Override
    public void onClosed() {
        calls.add("ike closed");
        ikeClosed.complete(null);
    }

    @Override
    public void onClosedExceptionally(IkeException e) {
        calls.add("ike failed " + e.getClass().getSimpleName());
        ikeClosed.complete(e);
    }
}
