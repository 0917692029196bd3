package io.ike4j.core.config;

import java.util.List;
import java.util.Optional;

/**
 * Pre-shared keys, looked up like strongSwan does: for (local id, remote id) each secret scores the best match of
 * its owner ids against either identity (a secret without ids matches any identity weakly); a secret whose ids match
 * neither side is skipped; the highest score wins, the first defined on ties.
 */
public record SharedKeyStore(List<SharedSecret> secrets) {
    public static final SharedKeyStore EMPTY = new SharedKeyStore(List.of());

    public SharedKeyStore {
        secrets = List.copyOf(secrets);
    }

    public Optional<SharedSecret> lookup(Identity local, Identity remote) {
        SharedSecret best = null;
        int bestScore = 0;
        for (SharedSecret s : secrets) {
            int me = s.ownerMatch(local);
            int other = s.ownerMatch(remote);
            if (me == Identity.MATCH_NONE && other == Identity.MATCH_NONE) continue;
            int score = me + other;
            if (score > bestScore) {
                best = s;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }
}
