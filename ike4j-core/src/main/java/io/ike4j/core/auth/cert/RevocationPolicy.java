package io.ike4j.core.auth.cert;

/** swanctl.conf {@code remote.revocation}: what missing revocation information means (strongSwan semantics). */
public enum RevocationPolicy {
    /** Fail unless a current CRL says the certificate is not revoked. */
    STRICT,
    /** Fail if the certificate names a CRL URI but no current CRL could be had; else as relaxed. */
    IFURI,
    /** Fail only if a CRL says the certificate is revoked (strongSwan's default). */
    RELAXED
}
