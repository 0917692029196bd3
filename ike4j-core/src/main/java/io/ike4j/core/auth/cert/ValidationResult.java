package io.ike4j.core.auth.cert;

import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;

/** Outcome of validating a peer certificate. */
public sealed interface ValidationResult {
    /** The path from the end entity up to (excluding) the anchor, and the anchor. */
    record Trusted(List<X509Certificate> path, TrustAnchor anchor) implements ValidationResult {
        public Trusted {
            path = List.copyOf(path);
        }

        public X509Certificate endEntity() {
            return path.getFirst();
        }
    }

    /** {@code detail} is log-ready: it names the certificate concerned and the cause. */
    record Refused(RefusalReason reason, String detail) implements ValidationResult {
        @Override
        public String toString() {
            return reason + ": " + detail;
        }
    }
}
