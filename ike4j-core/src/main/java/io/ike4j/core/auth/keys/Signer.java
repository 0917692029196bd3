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

    /**
     * Signs an already computed hash as IKEv1 does (RFC 2409 5.1, RFC 4754 7): RSA with PKCS#1 v1.5 padding and no
     * DigestInfo, ECDSA over the hash as given with r||s output. Signers that cannot do this refuse.
     */
    default SignResult signHash(KeyRef key, byte[] hash) {
        return new SignResult.Failed(SignResult.Reason.SCHEME_MISMATCH, "this signer cannot sign a bare hash (IKEv1)");
    }
}
