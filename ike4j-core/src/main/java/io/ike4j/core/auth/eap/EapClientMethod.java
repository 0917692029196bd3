package io.ike4j.core.auth.eap;

import java.util.Optional;

/** The peer side of one EAP method: consumes Requests of {@link #type()}, produces Responses. */
public interface EapClientMethod {
    int type();

    /** A Request of this method's type; returns the Response to send (or Failure). */
    EapStep process(EapMessage request);

    /**
     * Whether an EAP-Success may now be accepted (RFC 3748 4.2: a peer only accepts Success once its method allows,
     * e.g. after MSCHAPv2 verified the authenticator response).
     */
    boolean mayAcceptSuccess();

    /** The MSK once the method has completed, if the method derives one. */
    Optional<byte[]> msk();
}
