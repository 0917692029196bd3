package io.ike4j.core.auth.cert.ocsp;

import java.time.Instant;

/** What an OCSP response says about one certificate (RFC 6960 2.2), or why it cannot be used; texts are log-ready. */
public sealed interface OcspStatus {
    record Good() implements OcspStatus {}

    /** {@code reason}: the CRLReason in words ("key compromise"), "unspecified" when absent. */
    record Revoked(Instant when, String reason) implements OcspStatus {}

    record Unknown() implements OcspStatus {}

    /** Not a usable answer: an error status, a bad signature, a stale or foreign response. */
    record Unusable(String reason) implements OcspStatus {}
}
