package io.ike4j.platform.crl;

import io.ike4j.core.auth.cert.CrlFetcher;
import java.io.ByteArrayInputStream;
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
 * or PEM, through {@link BoundedDownload} (a total {@code timeout} for connect, headers and body, so a stalling or
 * dripping server is cut off, a size limit, and a bounded number of download slots), as OCSP queries are. Results
 * are cached by URI: a CRL until its nextUpdate (at most {@code maxCacheTime}), a failure for {@code failureBackoff}, so a dead server costs one timeout per backoff period rather than one per handshake.
 * Concurrent lookups of one URI wait for one fetch, and at most {@code maxConcurrent} downloads run at once (a lookup
 * that finds none free fails at once, without caching): the blocking stays on the virtual thread of the
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

    private final BoundedDownload downloads;
    private final Duration failureBackoff;
    private final Duration maxCacheTime;
    private final InstantSource clock;
    private final ConcurrentHashMap<URI, Entry> cache = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<URI, Object> locks = new ConcurrentHashMap<>();
    /** By the DER request, which names exactly one certificate (CertID: issuer hashes and serial; no nonce). */
    private final ConcurrentHashMap<String, OcspEntry> ocspCache = new ConcurrentHashMap<>();

    public HttpCrlFetcher(Duration timeout, int maxBytes, Duration failureBackoff, Duration maxCacheTime, InstantSource clock) {
        this(timeout, maxBytes, failureBackoff, maxCacheTime, DEFAULT_MAX_CONCURRENT, clock);
    }

    public HttpCrlFetcher(Duration timeout, int maxBytes, Duration failureBackoff, Duration maxCacheTime, int maxConcurrent,
                          InstantSource clock) {
        this.downloads = new BoundedDownload(timeout, maxBytes, maxConcurrent);
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
        return downloads.inProgress();
    }

    @Override
    public Result fetch(URI uri) {
        Entry e = fresh(uri);
        if (e != null) return e.result();
        synchronized (locks.computeIfAbsent(uri, u -> new Object())) {
            e = fresh(uri);
            if (e != null) return e.result();
            BoundedDownload.Outcome got = downloads.run(BoundedDownload.Request.get(uri, "application/pkix-crl, */*", "CRL"));
            Result r = switch (got) {
                case BoundedDownload.Outcome.Body b -> parse(b.bytes());
                case BoundedDownload.Outcome.Failed f -> new Result.Failed(f.reason());
                case BoundedDownload.Outcome.Busy b -> new Result.Failed(b.reason());
            };
            if (got instanceof BoundedDownload.Outcome.Busy) return r; // not cached: nothing was learnt about the URI
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
        return switch (downloads.run(BoundedDownload.Request.post(responder, "application/ocsp-request",
                "application/ocsp-response", request, "OCSP response"))) {
            case BoundedDownload.Outcome.Body b -> new OcspAnswer.Answered(b.bytes());
            case BoundedDownload.Outcome.Failed f -> new OcspAnswer.Failed(f.reason());
            case BoundedDownload.Outcome.Busy b -> new OcspAnswer.Failed(b.reason());
        };
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

    /** Forgets every cached CRL, failure and OCSP answer (e.g. on {@code reload-settings}). */
    public void clear() {
        cache.clear();
        ocspCache.clear();
    }

    private Entry fresh(URI uri) {
        Entry e = cache.get(uri);
        return e != null && clock.instant().isBefore(e.expires()) ? e : null;
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
