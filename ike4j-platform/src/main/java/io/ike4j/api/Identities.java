package io.ike4j.api;

import io.ike4j.core.config.Identity;

/** Identity strings of the API, checked early with the engine's parser. */
final class Identities {
    private Identities() {}

    static String check(String id) {
        if (id == null) return null;
        if (Identity.parse(id).isEmpty()) throw new IllegalArgumentException("not an identity: " + id);
        return id.strip();
    }
}
