package io.ike4j.core.crypto;

/** An {@link EncryptedPayloadProtection} holding keys that can be wiped when its IKE SA dies. */
public interface SkProtection extends EncryptedPayloadProtection {

    /** Overwrites the keys; afterwards the protection must not be used. */
    void wipe();
}
