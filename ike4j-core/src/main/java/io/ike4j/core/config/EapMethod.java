package io.ike4j.core.config;

import java.util.Optional;

/** The EAP method of an {@code auth = eap-*} round (swanctl.conf), or forwarding to a RADIUS server. */
public enum EapMethod {
    /** {@code eap}: any method the peer accepts (server: the first of MSCHAPv2, TLS, MD5 configured with secrets). */
    ANY(0),
    MD5(4),
    TLS(13),
    MSCHAPV2(26),
    /** {@code eap-radius}: a pass-through authenticator forwarding to the configured {@link EapBackend}. */
    RADIUS(-1);

    private final int type;

    EapMethod(int type) {
        this.type = type;
    }

    /** The EAP Type (RFC 3748 5), empty for {@link #ANY} and {@link #RADIUS}. */
    public Optional<Integer> eapType() {
        return type > 0 ? Optional.of(type) : Optional.empty();
    }

    /**
     * RFC 5998 3: EAP-only authentication needs a mutually authenticating method that derives an MSK. For RADIUS
     * this is decided by the MSK the server delivers.
     */
    public boolean mutual() {
        return this == TLS || this == MSCHAPV2 || this == RADIUS;
    }

    /** From swanctl's {@code auth = eap-md5} etc. ({@code eap} alone is {@link #ANY}). */
    public static Optional<EapMethod> fromAuth(String auth) {
        return switch (auth) {
            case "eap" -> Optional.of(ANY);
            case "eap-md5" -> Optional.of(MD5);
            case "eap-tls" -> Optional.of(TLS);
            case "eap-mschapv2" -> Optional.of(MSCHAPV2);
            case "eap-radius" -> Optional.of(RADIUS);
            default -> Optional.empty();
        };
    }
}
