package io.ike4j.daemon.config;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code radius.servers.<name>}: a RADIUS server for {@code auth = eap-radius}. This is an <b>ike4j extension</b> of
 * swanctl.conf: strongSwan keeps its RADIUS servers in strongswan.conf ({@code charon.plugins.eap-radius.servers});
 * ike4j reads them from a top-level {@code radius} section of swanctl.conf with the same key names:
 * <pre>
 * radius {
 *     servers {
 *         primary {
 *             address = 127.0.0.1   # required
 *             auth_port = 1812      # default 1812 ("port" is accepted too)
 *             secret = testing123   # required (0x hex / 0s base64 as for secrets)
 *             nas_identifier = ike4j
 *             timeout = 3s          # per attempt
 *             retransmit_tries = 2
 *         }
 *     }
 * }
 * </pre>
 * The first server is used; failover between servers is not implemented.
 */
public record RadiusServerConfig(String name, SourceLocation location, Optional<String> address, int authPort,
                                 Optional<Secret> secret, String nasIdentifier, Duration timeout, int retries) {}
