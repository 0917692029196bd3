package io.ike4j.core.config;

import java.util.Arrays;
import java.util.List;

/**
 * A pre-shared key with the identities it belongs to ({@code secrets.ike<suffix>} in swanctl.conf).
 * No ids means the secret matches any identity. The key never appears in {@link #toString()}.
 */
public final class SharedSecret {
    private final byte[] secret;
    private final List<Identity> ids;

    public SharedSecret(byte[] secret, List<Identity> ids) {
        this.secret = secret.clone();
        this.ids = List.copyOf(ids);
    }

    public static SharedSecret of(String secret, String... ids) {
        return new SharedSecret(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Arrays.stream(ids).map(Identity::of).toList());
    }

    /** A copy of the secret; callers wipe it when done. */
    public byte[] secret() {
        return secret.clone();
    }

    public List<Identity> ids() {
        return ids;
    }

    /** Best match quality of {@code id} among the owners ({@link Identity#MATCH_ANY} if there are none). */
    int ownerMatch(Identity id) {
        if (ids.isEmpty()) return Identity.MATCH_ANY;
        int best = Identity.MATCH_NONE;
        for (Identity owner : ids) best = Math.max(best, owner.matches(id));
        return best;
    }

    @Override
    public String toString() {
        return "SharedSecret[ids=" + ids + "]";
    }
}
