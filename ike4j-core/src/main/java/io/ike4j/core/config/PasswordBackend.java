package io.ike4j.core.config;

import java.net.InetAddress;
import java.util.Optional;

/**
 * A AAA server that checks a user name and password in the clear (RADIUS PAP, RFC 2865 5.2): the seam for IKEv1
 * {@code auth = xauth-radius}, as strongSwan's eap-radius XAuth backend. An {@link EapBackend} may also implement it
 * (ike4j-platform's RADIUS backend does). It may block, like {@link EapBackend}.
 */
@FunctionalInterface
public interface PasswordBackend {
    /** Empty if {@code user} is accepted with {@code password}, else why not (never the password). */
    Optional<String> check(String connection, InetAddress local, InetAddress remote, String user, byte[] password);
}
