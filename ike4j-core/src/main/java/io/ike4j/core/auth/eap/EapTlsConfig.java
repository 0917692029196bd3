package io.ike4j.core.auth.eap;

import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * EAP-TLS settings: the JDK {@link SSLContext} (keys and trust), the TLS versions (1.2 per RFC 5216, 1.3 per
 * RFC 9190), whether the server requires a client certificate (normal for EAP-TLS) and the fragment size (RFC 5216
 * 2.1.5; the TLS data per EAP message, default 1000 to stay below typical IKE fragment budgets), and how the MSK
 * is derived over TLS 1.3 ({@link Tls13Msk}).
 */
public record EapTlsConfig(SSLContext context, List<String> protocols, boolean requireClientCertificate, int fragmentSize,
                           Tls13Msk tls13Msk) {
    public static final int DEFAULT_FRAGMENT_SIZE = 1000;

    /** The MSK over TLS 1.3. */
    public enum Tls13Msk {
        /** RFC 9190 2.3: TLS-Exporter("EXPORTER_EAP_TLS_Key_Material", 0x0D, 128), first 64 octets. */
        RFC_9190,
        /**
         * strongSwan 5.9.x (an early draft): TLS-Exporter("client EAP encryption", "", 128), first 64 octets; its
         * server also sends EAP-Success without the RFC 9190 2.5 commitment message.
         */
        STRONGSWAN_5
    }

    /** The shape before {@code tls13Msk}: RFC 9190 keys. */
    public EapTlsConfig(SSLContext context, List<String> protocols, boolean requireClientCertificate, int fragmentSize) {
        this(context, protocols, requireClientCertificate, fragmentSize, Tls13Msk.RFC_9190);
    }

    public EapTlsConfig withTls13Msk(Tls13Msk m) {
        return new EapTlsConfig(context, protocols, requireClientCertificate, fragmentSize, m);
    }

    public EapTlsConfig {
        protocols = List.copyOf(protocols);
        tls13Msk = tls13Msk == null ? Tls13Msk.RFC_9190 : tls13Msk;
        if (fragmentSize < 64 || fragmentSize > 16384) throw new IllegalArgumentException("fragment size must be 64..16384");
    }

    public static EapTlsConfig of(SSLContext context) {
        return new EapTlsConfig(context, List.of("TLSv1.3", "TLSv1.2"), true, DEFAULT_FRAGMENT_SIZE);
    }

    SSLEngine engine(boolean client) {
        SSLEngine e = context.createSSLEngine();
        e.setUseClientMode(client);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(protocols.toArray(String[]::new));
        if (!client) p.setNeedClientAuth(requireClientCertificate);
        e.setSSLParameters(p);
        return e;
    }
}
