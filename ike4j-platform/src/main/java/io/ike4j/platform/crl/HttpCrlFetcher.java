package io.ike4j.platform.crl;

import io.ike4j.core.auth.cert.CrlFetcher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fetches CRLs from HTTP(S) distribution points (RFC 5280 4.2.1.13), and posts OCSP requests (RFC 6960), for the
 * engine's {@link CrlFetcher} seam: DER
 * or PEM, bounded by a total {@code timeout} (connect, headers and body; a stalling server is cut off) and a size
 * limit. Results are cached by URI: a CRL until its nextUpdate (at most {@code maxCacheTime}), a failure for
 * {@code failureBackoff}, so a dead server costs one timeout per backoff period rather than one per handshake.
 * Concurrent lookups of one URI wait for one fetch, and at most {@code maxConcurrent} downloads run at once (a lookup
 * that finds none free within the timeout fails without caching): the blocking stays on the virtual thread of the
 * handshake that needs the CRL, bounded in time and number, and never on anybody else's. OCSP queries take the same
 * download slots, and an answer the core found usable is reused for the same certificate (issuer and serial) until
 * its nextUpdate (at most {@code maxCacheTime}; {@link #DEFAULT_OCSP_CACHE} when it has none).
 */
public final class HttpCrlFetcher implements CrlFetcher {
    /** strongSwan's curl plugin waits up to its configured timeout; these are ike4j's defaults. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(60);
    public static final Duration DEFAULT_MAX_CACHE = Duration.ofHours(24);
    /** Downloads at once: a handful of CAs' distribution points, with room for slow ones. */
    public static final int DEFAULT_MAX_CONCURRENT = 16;
    /** How long an OCSP answer without nextUpdate is reused (RFC 6960 2.4: newer information is always available). */
    public static final Duration DEFAULT_OCSP_CACHE = Duration.ofMinutes(5);
    /** OCSP answers kept at most (one per peer certificate seen; expired ones are dropped first). */
    static final int MAX_OCSP_ENTRIES = 10_000;

    private record Entry(Result result, Instant expires) {}

    private record OcspEntry(byte[] response, Instant expires) {}

    private final Duration timeout;
    private final int maxBytes;
    private final Duration failureBackoff;
    private final Duration maxCacheTime;
    private final InstantSource clock;
    private final ConcurrentHashMap<URI, Entry> cache = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<URI, Object> locks = new ConcurrentHashMap<>();
    /** By the DER request, which names exactly one certificate (CertID: issuer hashes and serial; no nonce). */
    private final ConcurrentHashMap<String, OcspEntry> ocspCache = new ConcurrentHashMap<>();
    private final java.util.concurrent.Semaphore downloads;
    private final int maxConcurrent;

    public HttpCrlFetcher(Duration timeout, int maxBytes, Duration failureBackoff, Duration maxCacheTime, InstantSource clock) {
        this(timeout, maxBytes, failureBackoff, maxCacheTime, DEFAULT_MAX_CONCURRENT, clock);
    }

    public HttpCrlFetcher(Duration timeout, int maxBytes, Duration failureBackoff, Duration maxCacheTime, int maxConcurrent,
                          InstantSource clock) {
        if (maxConcurrent < 1) throw new IllegalArgumentException("maxConcurrent must be >= 1");
        this.downloads = new java.util.concurrent.Semaphore(maxConcurrent);
        this.maxConcurrent = maxConcurrent;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.failureBackoff = failureBackoff;
        this.maxCacheTime = maxCacheTime;
        this.clock = clock;
    }

    public static HttpCrlFetcher defaults(InstantSource clock) {
        return new HttpCrlFetcher(DEFAULT_TIMEOUT, DEFAULT_MAX_BYTES, DEFAULT_BACKOFF, DEFAULT_MAX_CACHE, clock);
    }

    /** The defaults with another download timeout. */
    public static HttpCrlFetcher withTimeout(Duration timeout, InstantSource clock) {
        return new HttpCrlFetcher(timeout, DEFAULT_MAX_BYTES, DEFAULT_BACKOFF, DEFAULT_MAX_CACHE, clock);
    }

    /** Downloads running now (for diagnostics and tests). */
    public int downloadsInProgress() {
        return maxConcurrent - downloads.availablePermits();
    }

    @Override
    public Result fetch(URI uri) {
        Entry e = fresh(uri);
        if (e != null) return e.result();
        synchronized (locks.computeIfAbsent(uri, u -> new Object())) {
            e = fresh(uri);
            if (e != null) return e.result();
            if (!downloads.tryAcquire()) { // not cached: nothing was learnt about the URI
                return new Result.Failed("too many CRL downloads in progress (" + maxConcurrent + ")");
            }
            Result r = downloadWithin(uri);
            Instant now = clock.instant();
            Instant expires = switch (r) {
                case Result.Fetched f -> {
                    Instant max = now.plus(maxCacheTime);
                    Instant next = f.crl().getNextUpdate() == null ? max : f.crl().getNextUpdate().toInstant();
                    yield next.isBefore(max) ? next : max;
                }
                case Result.Failed f -> now.plus(failureBackoff);
            };
            cache.put(uri, new Entry(r, expires));
            return r;
        }
    }

    /**
     * RFC 6960 A.1.1: POSTs the request ({@code application/ocsp-request}) and returns the body, bounded by the same
     * timeout and size limit as CRLs, in one of the download slots (none free: fails at once). A remembered usable
     * answer for the same request is returned without asking; failures are not cached (the CRLs and the policy decide).
     */
    @Override
    public OcspAnswer queryOcsp(URI responder, byte[] request) {
        OcspEntry cached = ocspCache.get(key(request));
        if (cached != null && clock.instant().isBefore(cached.expires())) return new OcspAnswer.Answered(cached.response().clone());
        String scheme = responder.getScheme() == null ? "" : responder.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) return new OcspAnswer.Failed("unsupported scheme '" + scheme + "'");
        if (!downloads.tryAcquire()) return new OcspAnswer.Failed("too many downloads in progress (" + maxConcurrent + ")");
        try {
            return post(responder, request);
        } finally {
            downloads.release();
        }
    }

    @Override
    public void rememberOcsp(byte[] request, byte[] response, java.util.Optional<Instant> nextUpdate) {
        Instant now = clock.instant();
        Instant max = now.plus(maxCacheTime);
        Instant expires = nextUpdate.orElse(now.plus(DEFAULT_OCSP_CACHE));
        if (expires.isAfter(max)) expires = max;
        if (!expires.isAfter(now)) return;
        if (ocspCache.size() >= MAX_OCSP_ENTRIES) {
            ocspCache.values().removeIf(e -> !now.isBefore(e.expires()));
            if (ocspCache.size() >= MAX_OCSP_ENTRIES) return;
        }
        ocspCache.put(key(request), new OcspEntry(response.clone(), expires));
    }

    /** OCSP answers remembered now (for diagnostics and tests). */
    public int ocspAnswersCached() {
        return ocspCache.size();
    }

    private static String key(byte[] request) {
        return java.util.HexFormat.of().formatHex(request);
    }

    private OcspAnswer post(URI responder, byte[] request) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpURLConnection c = null;
        try {
            c = (HttpURLConnection) responder.toURL().openConnection();
            int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            c.setConnectTimeout(ms);
            c.setReadTimeout(ms);
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/ocsp-request");
            c.setRequestProperty("Accept", "application/ocsp-response");
            c.setFixedLengthStreamingMode(request.length);
            try (var out = c.getOutputStream()) {
                out.write(request);
            }
            int status = c.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) return new OcspAnswer.Failed("HTTP status " + status);
            byte[] body = readBounded(c.getInputStream(), deadline);
            if (body == null) return new OcspAnswer.Failed("OCSP response exceeds the limit of " + maxBytes + " bytes");
            return new OcspAnswer.Answered(body);
        } catch (SocketTimeoutException e) {
            return new OcspAnswer.Failed("timed out after " + timeout);
        } catch (DeadlineException e) {
            return new OcspAnswer.Failed("timed out after " + timeout + " (server too slow)");
        } catch (IOException | IllegalArgumentException e) {
            return new OcspAnswer.Failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            if (c != null) c.disconnect();
        }
    }

    /** Forgets every cached CRL, failure and OCSP answer (e.g. on {@code reload-settings}). */
    public void clear() {
        cache.clear();
        ocspCache.clear();
    }

    private Entry fresh(URI uri) {
        Entry e = cache.get(uri);
        return e != null && clock.instant().isBefore(e.expires()) ? e : null;
    }

    /**
     * The download on its own virtual thread, waited for at most the timeout: a server that trickles its headers
     * (each read within the socket timeout) cannot hold the handshake longer. The download slot is freed when that
     * thread ends; a late one is disconnected.
     */
    private Result downloadWithin(URI uri) {
        java.util.concurrent.CompletableFuture<Result> done = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.atomic.AtomicReference<HttpURLConnection> conn = new java.util.concurrent.atomic.AtomicReference<>();
        Thread t;
        try {
            t = Thread.ofVirtual().name("crl-download").start(() -> {
                try {
                    done.complete(download(uri, conn));
                } catch (RuntimeException e) {
                    done.complete(new Result.Failed(e.getClass().getSimpleName() + ": " + e.getMessage()));
                } finally {
                    downloads.release();
                }
            });
        } catch (RuntimeException | OutOfMemoryError e) {
            downloads.release();
            return new Result.Failed("cannot start the download: " + e.getClass().getSimpleName());
        }
        try {
            return done.get(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            t.interrupt();
            HttpURLConnection c = conn.get();
            if (c != null) Thread.ofVirtual().name("crl-disconnect").start(c::disconnect);
            return new Result.Failed("timed out after " + timeout + " (server too slow)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result.Failed("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            return new Result.Failed("download failed");
        }
    }

    private Result download(URI uri, java.util.concurrent.atomic.AtomicReference<HttpURLConnection> conn) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) return new Result.Failed("unsupported scheme '" + scheme + "'");
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpURLConnection c = null;
        try {
            c = (HttpURLConnection) uri.toURL().openConnection();
            conn.set(c);
            int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            c.setConnectTimeout(ms);
            c.setReadTimeout(ms);
            c.setInstanceFollowRedirects(true);
            c.setRequestProperty("Accept", "application/pkix-crl, */*");
            int status = c.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) return new Result.Failed("HTTP status " + status);
            long declared = c.getContentLengthLong();
            if (declared > maxBytes) return new Result.Failed("CRL of " + declared + " bytes exceeds the limit of " + maxBytes);
            byte[] body = readBounded(c.getInputStream(), deadline);
            if (body == null) return new Result.Failed("CRL exceeds the limit of " + maxBytes + " bytes");
            return parse(body);
        } catch (SocketTimeoutException e) {
            return new Result.Failed("timed out after " + timeout);
        } catch (DeadlineException e) {
            return new Result.Failed("timed out after " + timeout + " (server too slow)");
        } catch (IOException | IllegalArgumentException e) {
            return new Result.Failed(e.getClass().getSimpleName() + ": " + e.getMessage());
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

    private static Result parse(byte[] body) {
        try {
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            return new Result.Fetched((X509CRL) f.generateCRL(new ByteArrayInputStream(body))); // DER or PEM
        } catch (CRLException | CertificateException | ClassCastException e) {
            return new Result.Failed("not a CRL (" + body.length + " bytes): " + e.getMessage());
        }
    }
}
