package io.ike4j.core.auth.eap;

import java.util.Optional;

/** Where an authenticator finds a peer's cleartext password (EAP-MD5, EAP-MSCHAPv2). */
@FunctionalInterface
public interface EapPasswordLookup {
    Optional<String> password(String identity);
}
