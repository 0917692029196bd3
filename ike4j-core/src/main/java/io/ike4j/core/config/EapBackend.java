package io.ike4j.core.config;

import io.ike4j.core.auth.eap.EapServerMethod;
import java.net.InetAddress;

/**
 * The seam to an AAA server for {@code auth = eap-radius} (RFC 3579 pass-through): for each EAP conversation the
 * engine asks for a fresh {@link EapServerMethod} of type {@link EapServerMethod#PASS_THROUGH}.
 *
 * <p>The engine core performs no I/O itself; an implementation (ike4j-platform's RADIUS proxy) may block in
 * {@code start}/{@code process}. The runtime handles every input on its own virtual thread and the engine holds
 * only the one SA's lock meanwhile, so a slow AAA server delays that SA alone.
 */
@FunctionalInterface
public interface EapBackend {
    /** A new pass-through method for one peer; {@code local}/{@code remote} become Called-/Calling-Station-Id. */
    EapServerMethod open(String connection, InetAddress local, InetAddress remote);
}
