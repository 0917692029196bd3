package io.ike4j.core.auth.eap;

import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * EAP-TLS settings: the JDK {@link SSLContext} (keys and trust), the TLS versions (1.2 per RFC 5216, 1.3 per
 * RFC 9190), whether the server requires a client certificate (normal for EAP-TLS) and the fragment size (RFC 5216
 * 2.1.5; the TLS data per EAP message, default 1000 to stay below typical IKE fragment budgets).
 */
public record EapTlsConfig(SSLContext context, List<String> protocols, boolean requireClientCertificate, int fragmentSize) {
    public static final int DEFAULT_FRAGMENT_SIZE = 1000;

    public EapTlsConfig {
        protocols = List.copyOf(protocols);
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
