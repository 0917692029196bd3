package io.ike4j.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.security.KeyPairGenerator;
import javax.security.auth.DestroyFailedException;
import javax.security.auth.Destroyable;
import org.junit.jupiter.api.Test;

class KeyDestructionTest {
    /** Keeps the default destroy(), which only throws. */
    private static final class CannotWipe implements Destroyable { }

    private static final class Wipes implements Destroyable {
        boolean destroyed;

        @Override
        public void destroy() {
            destroyed = true;
        }

        @Override
        public boolean isDestroyed() {
            return destroyed;
        }
    }

    private static final class FailsToWipe implements Destroyable {
        int attempts;

        @Override
        public void destroy() throws DestroyFailedException {
            attempts++;
            throw new DestroyFailedException("busy");
        }
    }

    @Test
    void asksKeysThatImplementDestroyToWipeThemselves() {
        Wipes key = new Wipes();
        KeyDestruction.destroy(key);
        assertThat(key.isDestroyed()).isTrue();
        assertThat(KeyDestruction.wipes(Wipes.class)).isTrue();
    }

    @Test
    void skipsTheDefaultThatOnlyThrowsAndSwallowsAFailedWipe() {
        assertThat(KeyDestruction.wipes(CannotWipe.class)).isFalse();
        assertThatNoException().isThrownBy(() -> KeyDestruction.destroy(new CannotWipe()));
        FailsToWipe failing = new FailsToWipe();
        assertThatNoException().isThrownBy(() -> KeyDestruction.destroy(failing));
        assertThat(failing.attempts).as("a class that overrides destroy() is still asked").isEqualTo(1);
        assertThatNoException().isThrownBy(() -> KeyDestruction.destroy(null));
    }

    @Test
    void theJdksX25519PrivateKeyIsRecognisedAsUnableToWipe() throws Exception {
        var key = KeyPairGenerator.getInstance("X25519").generateKeyPair().getPrivate();
        assertThat(KeyDestruction.wipes(key.getClass())).isFalse();
    }
}
