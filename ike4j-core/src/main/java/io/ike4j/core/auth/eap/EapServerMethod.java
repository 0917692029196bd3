package io.ike4j.core.auth.eap;

/**
 * The authenticator side of one EAP method. It produces Requests and consumes Responses; the identifiers it uses are
 * its own business (local methods increment from {@link EapStart#identifier()}, a RADIUS proxy uses the server's).
 * On {@link EapStep.Success} / {@link EapStep.Failure} the session sends EAP-Success / EAP-Failure.
 */
public interface EapServerMethod {
    /**
     * {@link #type()} of a pass-through method (a AAA proxy, RFC 3579): the session forwards every Response to it,
     * Naks included, without checking the Type.
     */
    int PASS_THROUGH = 0;

    /** The EAP Type this method runs (RFC 3748 5), or {@link #PASS_THROUGH}. */
    int type();

    /** The method's first Request (or an immediate outcome). */
    EapStep start(EapStart start);

    /** A Response whose identifier matches the method's last Request (the session checks this). */
    EapStep process(EapMessage response);

    /** Why a failure indication was sent inside the method (MSCHAPv2 Failure Request), if it was: for the log. */
    default java.util.Optional<String> failureSent() {
        return java.util.Optional.empty();
    }
}
