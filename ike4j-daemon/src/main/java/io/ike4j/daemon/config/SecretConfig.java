package io.ike4j.daemon.config;

import java.util.List;
import java.util.Optional;

/**
 * One section of {@code secrets}. Which fields are meaningful depends on the kind: shared secrets
 * ({@code ike}, {@code eap}, {@code xauth}, {@code ntlm}, {@code ppk}) have {@code ids} and {@code secret};
 * private keys ({@code private}, {@code rsa}, {@code ecdsa}, {@code pkcs8}, {@code pkcs12}) have {@code file}
 * and an optional passphrase in {@code secret}; {@code token} has {@code handle}, {@code slot}, {@code module},
 * {@code pin}. {@link #toString()} never shows secrets (the {@link Secret} type redacts itself).
 */
public record SecretConfig(Kind kind, String name, SourceLocation location, List<String> ids,
                           Optional<Secret> secret, Optional<String> file, Optional<String> handle,
                           Optional<Long> slot, Optional<String> module, Optional<Secret> pin) {
    public enum Kind {
        IKE("ike"), EAP("eap"), XAUTH("xauth"), NTLM("ntlm"), PPK("ppk"), PRIVATE("private"), RSA("rsa"),
        ECDSA("ecdsa"), PKCS8("pkcs8"), PKCS12("pkcs12"), TOKEN("token");

        public final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        public boolean isSharedSecret() {
            return this == IKE || this == EAP || this == XAUTH || this == NTLM || this == PPK;
        }
    }

    public SecretConfig {
        ids = List.copyOf(ids);
    }
}
