package io.ike4j.core.config;

import java.util.Optional;

/**
 * One side's authentication round: the method and the identity. An empty identity means the default:
 * the local IP address for the local side, {@code %any} for the remote side (swanctl.conf semantics).
 */
public record AuthConfig(AuthClass method, Optional<Identity> identity) {
    public AuthConfig {
        if (method == null) throw new IllegalArgumentException("auth method required");
        identity = identity == null ? Optional.empty() : identity;
    }

    public static AuthConfig psk(Identity id) {
        return new AuthConfig(AuthClass.PSK, Optional.ofNullable(id));
    }

    public static AuthConfig psk(String id) {
        return psk(id == null ? null : Identity.of(id));
    }

    public static AuthConfig pskDefault() {
        return new AuthConfig(AuthClass.PSK, Optional.empty());
    }
}
