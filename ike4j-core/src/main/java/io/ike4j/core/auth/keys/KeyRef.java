package io.ike4j.core.auth.keys;

import java.util.Objects;

/** A name for a private key held by a {@link Signer}; the engine refers to keys only by this. */
public record KeyRef(String name) {
    public KeyRef {
        Objects.requireNonNull(name, "name");
    }
}
