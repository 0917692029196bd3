package io.ike4j.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedKeyStoreTest {
    private static String secretOf(SharedKeyStore store, String local, String remote) {
        return store.lookup(Identity.of(local), Identity.of(remote))
                .map(s -> new String(s.secret(), StandardCharsets.UTF_8)).orElse(null);
    }

    @Test
    void bestMatchWinsAndIdlessSecretMatchesAny() {
        SharedKeyStore store = new SharedKeyStore(List.of(
                SharedSecret.of("fallback"),
                SharedSecret.of("moon-sun", "moon.example", "sun.example"),
                SharedSecret.of("carol", "carol@example.org")));
        assertThat(secretOf(store, "moon.example", "sun.example")).isEqualTo("moon-sun");
        assertThat(secretOf(store, "moon.example", "carol@example.org")).isEqualTo("moon-sun"); // equal score, first wins
        assertThat(secretOf(store, "gw.example", "carol@example.org")).isEqualTo("carol");
        assertThat(secretOf(store, "gw.example", "dave.example")).isEqualTo("fallback");
    }

    @Test
    void noMatchingSecret() {
        SharedKeyStore store = new SharedKeyStore(List.of(SharedSecret.of("x", "a.example")));
        assertThat(store.lookup(Identity.of("b.example"), Identity.of("c.example"))).isEmpty();
        assertThat(SharedSecret.of("topsecret", "a.example").toString()).doesNotContain("topsecret");
    }
}
