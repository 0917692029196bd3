package io.ike4j.core.config;

/** The class of authentication of one side of a connection ({@code auth} in swanctl.conf). */
public enum AuthClass {
    /** Pre-shared key (RFC 7296 2.15). */
    PSK,
    /** Public key signatures (certificates or raw keys) — later. */
    PUBKEY,
    /** EAP (RFC 7296 2.16) — later. */
    EAP,
    /**
     * IKEv1 XAuth (draft-beaulieu-ike-xauth, generic user name/password; a second round in strongSwan's syntax). On a
     * local round, {@link AuthConfig#eapId()} carries swanctl's {@code xauth_id}; passwords are EAP/XAuth secrets.
     */
    XAUTH
}
