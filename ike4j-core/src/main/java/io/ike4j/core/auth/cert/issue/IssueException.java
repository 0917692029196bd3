package io.ike4j.core.auth.cert.issue;

/** A certificate or CRL could not be issued (signer refused, unsupported key). */
public final class IssueException extends Exception {
    public IssueException(String message) {
        super(message, null, false, false);
    }
}
