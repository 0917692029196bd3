package io.ike4j.platform.crl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One bounded HTTP(S) download, shared by CRL fetches (GET) and OCSP queries (POST, RFC 6960 A.1.1): at most
 * {@code maxConcurrent} run at once (a caller that finds no slot free fails at once), each is cut off after
 * {@code timeout} overall (connect, request, headers and body: a server that drips its headers a byte at a time, each
 * within the socket read timeout, cannot hold the caller longer), and a body over {@code maxBytes} is refused.
 * The transfer runs on its own virtual thread; on the deadline it is interrupted and its connection closed, and its
 * slot is given back when that thread ends.
 */
final class BoundedDownload {
    /** What a download gave: the body of a 200 answer, or why there is none. */
    sealed interface Outcome {
        record Body(byte[] bytes) implements Outcome {}

        record Failed(String reason) implements Outcome {}

        /** No slot was free: nothing was learnt about the URI. */
        record Busy(String reason) implements Outcome {}
    }

    /** The request: GET with {@code body == null}, else POST of {@code body} as {@code contentType}. */
    record Request(URI uri, String accept, String contentType, byte[] body, String what) {
        static Request get(URI uri, String accept, String what) {
            return new Request(uri, accept, null, null, what);
        }

        static Request post(URI uri, String contentType, String accept, byte[] body, String what) {
            return new Request(uri, accept, contentType, body, what);
        }
    }

    private final Duration timeout;
    private final int maxBytes;
    private final int maxConcurrent;
    private final Semaphore slots;

    BoundedDownload(Duration timeout, int maxBytes, int maxConcurrent) {
        if (maxConcurrent < 1) throw new IllegalArgumentException("maxConcurrent must be >= 1");
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.maxConcurrent = maxConcurrent;
        this.slots = new Semaphore(maxConcurrent);
    }

    /** Downloads running now, including ones whose caller already gave up and that are being torn down. */
    int inProgress() {
        return maxConcurrent - slots.availablePermits();
    }

    Duration timeout() {
        return timeout;
    }

    /** Runs the request within the bounds; never throws on anything the server or the URI does. */
    Outcome run(Request req) {
        String scheme = req.uri().getScheme() == null ? "" : req.uri().getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) return new Outcome.Failed("unsupported scheme '" + scheme + "'");
        if (!slots.tryAcquire()) return new Outcome.Busy("too many downloads in progress (" + maxConcurrent + ")");
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        AtomicReference<HttpURLConnection> conn = new AtomicReference<>();
        Thread t;
        try {
            t = Thread.ofVirtual().name("http-download").start(() -> {
                Outcome o;
                try {
                    o = transfer(req, conn);
                } catch (RuntimeException e) {
                    o = new Outcome.Failed(e.getClass().getSimpleName() + ": " + e.getMessage());
                } finally {
                    slots.release(); // before the caller sees the outcome: a finished download holds no slot
                }
                done.complete(o);
            });
        } catch (RuntimeException | OutOfMemoryError e) {
            slots.release();
            return new Outcome.Failed("cannot start the download: " + e.getClass().getSimpleName());
        }
        try {
            return done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            t.interrupt(); // a virtual thread blocked in socket I/O: the socket is closed
            HttpURLConnection c = conn.get();
            if (c != null) Thread.ofVirtual().name("http-disconnect").start(c::disconnect);
            return new Outcome.Failed("timed out after " + timeout + " (server too slow)");
        } catch (InterruptedException e) {
            t.interrupt();
            Thread.currentThread().interrupt();
            return new Outcome.Failed("interrupted");
        } catch (ExecutionException e) {
            return new Outcome.Failed("download failed");
        }
    }

    private Outcome transfer(Request req, AtomicReference<HttpURLConnection> conn) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpURLConnection c = null;
        try {
            c = (HttpURLConnection) req.uri().toURL().openConnection();
            conn.set(c);
            int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            c.setConnectTimeout(ms);
            c.setReadTimeout(ms);
            c.setRequestProperty("Accept", req.accept());
            if (req.body() != null) {
                c.setRequestMethod("POST");
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", req.contentType());
                c.setFixedLengthStreamingMode(req.body().length);
                try (var out = c.getOutputStream()) {
                    out.write(req.body());
                }
            } else {
                c.setInstanceFollowRedirects(true);
            }
            int status = c.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) return new Outcome.Failed("HTTP status " + status);
            long declared = c.getContentLengthLong();
            if (declared > maxBytes) {
                return new Outcome.Failed(req.what() + " of " + declared + " bytes exceeds the limit of " + maxBytes);
            }
            byte[] body = readBounded(c.getInputStream(), deadline);
            if (body == null) return new Outcome.Failed(req.what() + " exceeds the limit of " + maxBytes + " bytes");
            return new Outcome.Body(body);
        } catch (SocketTimeoutException e) {
            return new Outcome.Failed("timed out after " + timeout);
        } catch (DeadlineException e) {
            return new Outcome.Failed("timed out after " + timeout + " (server too slow)");
        } catch (IOException | IllegalArgumentException e) {
            return new Outcome.Failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            if (c != null) c.disconnect();
        }
    }

    private static final class DeadlineException extends IOException {
        DeadlineException() {
            super("deadline");
        }
    }

    /** The body, or null beyond {@code maxBytes}; every read waits at most the read timeout, the total the deadline. */
    private byte[] readBounded(InputStream in, long deadline) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.size() > maxBytes) return null;
                if (System.nanoTime() - deadline > 0) throw new DeadlineException();
            }
            return out.toByteArray();
        }
    }
}
