package io.ike4j.core.config;

/** The class of authentication of one side of a connection ({@code auth} in swanctl.conf). */
public enum AuthClass {
    /** Pre-shared key (RFC 7296 2.15). */
    PSK,
    /** Public key signatures (certificates or raw keys) — later. */
    PUBKEY,
    /** EAP (RFC 7296 2.16) — later. */
    EAP
}
