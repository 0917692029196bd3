package io.ike4j.core.auth.cert;

import java.net.URI;
import java.security.cert.X509CRL;

/**
 * The seam to CRL distribution points (RFC 5280 4.2.1.13) and OCSP responders (RFC 6960): the core asks for the
 * CRL at a URI of a peer's certificate, or posts an OCSP request, while validating it. The core performs no I/O; an implementation (ike4j-platform's HTTP fetcher)
 * may block, bounded by its own timeout, and should cache by URI until the CRL's nextUpdate. The runtime handles
 * each input on its own virtual thread holding only that SA's lock, so a slow server delays that SA alone.
 */
@FunctionalInterface
public interface CrlFetcher {
    Result fetch(URI uri);

    /**
     * RFC 6960 A.1: POSTs the DER OCSP request to the responder at {@code responder} and returns the DER response
     * (in {@link Result.Fetched}'s place: {@link OcspAnswer}). Bounded like {@link #fetch}; by default OCSP is not
     * available through this seam.
     */
    default OcspAnswer queryOcsp(URI responder, byte[] request) {
        return new OcspAnswer.Failed("OCSP not supported");
    }

    /**
     * The core found {@code response} to {@code request} usable (good or revoked, signed, current): an implementation
     * may answer the same request (one certificate: issuer and serial, RFC 6960 4.1.1; requests carry no nonce) with
     * it until {@code nextUpdate}, or a short time when the responder gave none, without asking the responder. The
     * core evaluates a cached answer like a fresh one. By default nothing is remembered.
     */
    default void rememberOcsp(byte[] request, byte[] response, java.util.Optional<java.time.Instant> nextUpdate) {}

    /** What an OCSP query gave; {@code reason} is log-ready. */
    sealed interface OcspAnswer {
        record Answered(byte[] response) implements OcspAnswer {}

        record Failed(String reason) implements OcspAnswer {}
    }

    /** What the fetch gave; {@code reason} is log-ready. */
    sealed interface Result {
        record Fetched(X509CRL crl) implements Result {}

        record Failed(String reason) implements Result {}
    }
}
