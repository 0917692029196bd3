package io.ike4j.core.config;

/** All credentials the engine may use. Only pre-shared keys so far; certificates and private keys come later. */
public record Credentials(SharedKeyStore sharedKeys) {
    public static final Credentials NONE = new Credentials(SharedKeyStore.EMPTY);

    public Credentials {
        sharedKeys = sharedKeys == null ? SharedKeyStore.EMPTY : sharedKeys;
    }

    public static Credentials ofSecrets(SharedSecret... secrets) {
        return new Credentials(new SharedKeyStore(java.util.List.of(secrets)));
    }
}
