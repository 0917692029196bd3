package io.ike4j.daemon;

import io.ike4j.core.auth.eap.EapTlsConfig;
import io.ike4j.core.auth.keys.PrivateKeyHandle;
import io.ike4j.daemon.config.AuthConfig;
import io.ike4j.daemon.config.ConnectionConfig;
import io.ike4j.daemon.config.SwanctlConfig;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * EAP-TLS keys for the engine: the certificate of the first connection using {@code eap-tls} (its {@code local.certs},
 * as strongSwan's eap-tls uses the local certificate on both sides) with its private key, trusting every CA
 * certificate in x509ca/. JSSE needs the key itself here: it is handed to the TLS stack only. The TLS 1.3 MSK is RFC
 * 9190's unless a remote round says {@code eap_tls_msk = strongswan5} (see {@code AuthMapping}); as a client ike4j
 * follows the server by itself ({@code EapTlsClient}). TLS 1.2 peers must offer the extended master secret (RFC 7627):
 * the JDK exports no keying material without it, and strongSwan 5.9.x does not offer it.
 */
final class EapTlsContexts {
    private EapTlsContexts() {}

    /**
     * strongSwan 5.9.x's TLS 1.3 CertificateRequest carries a certificate_authorities extension the JDK client refuses
     * as malformed; the JDK ignores that extension when it is disabled. JSSE reads the property once, when it is
     * first used, which is after this (the daemon uses TLS for EAP-TLS only): users need not pass it.
     */
    static final String DISABLED_CLIENT_EXTENSIONS = "jdk.tls.client.disableExtensions";

    static {
        String d = System.getProperty(DISABLED_CLIENT_EXTENSIONS, "");
        if (!d.contains("certificate_authorities")) {
            System.setProperty(DISABLED_CLIENT_EXTENSIONS, d.isBlank() ? "certificate_authorities" : d + ",certificate_authorities");
        }
    }

    static Optional<EapTlsConfig> build(SwanctlConfig swanctl, CredentialFiles files, List<String> warnings) {
        for (ConnectionConfig c : swanctl.connections()) {
            boolean tls = c.local().stream().anyMatch(a -> a.auth().equals("eap-tls")) || c.remote().stream().anyMatch(a -> a.auth().equals("eap-tls"));
            if (!tls) continue;
            for (AuthConfig a : c.local()) {
                for (String name : a.certs()) {
                    Optional<X509Certificate> cert = files.ownCert(name);
                    Optional<PrivateKeyHandle> key = cert.flatMap(x -> files.keyHandle(x.getPublicKey()));
                    if (key.isEmpty()) continue;
                    try {
                        return Optional.of(EapTlsConfig.of(context(cert.get(), key.get(), files.caCerts)));
                    } catch (Exception e) {
                        warnings.add("connections." + c.name() + ": EAP-TLS context not built: " + e.getClass().getSimpleName());
                        return Optional.empty();
                    }
                }
            }
            warnings.add("connections." + c.name() + ": eap-tls needs local.certs with a private key");
        }
        return Optional.empty();
    }

    private static SSLContext context(X509Certificate cert, PrivateKeyHandle handle, List<X509Certificate> cas) throws Exception {
        byte[] pkcs8 = handle.exportPkcs8();
        PrivateKey key;
        try {
            key = KeyFactory.getInstance(cert.getPublicKey().getAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
        char[] pw = new char[0];
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        List<X509Certificate> chain = io.ike4j.core.exchange.CertUnit.chain(cert, cas);
        ks.setKeyEntry("eap-tls", key, pw, chain.toArray(X509Certificate[]::new));
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        for (int i = 0; i < cas.size(); i++) ts.setCertificateEntry("ca" + i, cas.get(i));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(ks, pw);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ts);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }
}
