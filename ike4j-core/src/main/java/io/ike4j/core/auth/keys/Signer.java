package io.ike4j.core.auth.keys;

import io.ike4j.core.auth.signature.SignatureScheme;
import java.security.PublicKey;
import java.util.Optional;

/**
 * Signs with private keys it holds, by reference; keys never leave it. The engine's auth unit calls
 * {@link #sign} with the RFC 7296 2.15 signed octets. An HSM/PKCS#11 or agent-backed implementation can
 * replace {@link PrivateKeyStore}.
 */
public interface Signer {
    SignResult sign(KeyRef key, SignatureScheme scheme, byte[] octets);

    /** The public half, e.g. to find the matching certificate. */
    Optional<PublicKey> publicKey(KeyRef key);

    Optional<KeyKind> kind(KeyRef key);
}
