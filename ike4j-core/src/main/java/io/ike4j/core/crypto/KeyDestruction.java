package io.ike4j.core.crypto;

import javax.security.auth.DestroyFailedException;
import javax.security.auth.Destroyable;

/**
 * Destroys JCA keys when a key exchange is done with them. Most JDK and BouncyCastle key classes keep
 * {@link Destroyable#destroy()}'s default, which only throws {@link DestroyFailedException}: calling it costs an
 * exception (with its stack trace) per handshake and wipes nothing. Such classes are recognised once per class and
 * skipped; a class that overrides {@code destroy()} is always asked to wipe itself.
 */
final class KeyDestruction {
    private static final ClassValue<Boolean> WIPES = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("destroy").getDeclaringClass() != Destroyable.class;
            } catch (NoSuchMethodException e) {
                return false;
            }
        }
    };

    private KeyDestruction() {
    }

    /** Asks {@code key} to wipe itself if its class can; dropping the reference is then all that is left to do. */
    static void destroy(Destroyable key) {
        if (key == null || !WIPES.get(key.getClass())) return;
        try {
            key.destroy();
        } catch (DestroyFailedException e) {
            // the class tried and could not; nothing more can be done
        }
    }

    /** Whether keys of this class implement {@link Destroyable#destroy()} (for tests). */
    static boolean wipes(Class<?> type) {
        return WIPES.get(type);
    }
}
