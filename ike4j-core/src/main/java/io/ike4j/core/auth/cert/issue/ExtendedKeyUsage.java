package io.ike4j.core.auth.cert.issue;

import io.ike4j.core.auth.der.Oids;
import java.util.Optional;

/** Extended key usages pki's {@code --flag} sets (RFC 5280 4.2.1.12, RFC 4945 5.1.3.12). */
public enum ExtendedKeyUsage {
    SERVER_AUTH("serverAuth", Oids.KP_SERVER_AUTH),
    CLIENT_AUTH("clientAuth", Oids.KP_CLIENT_AUTH),
    IKE_INTERMEDIATE("ikeIntermediate", Oids.KP_IKE_INTERMEDIATE),
    OCSP_SIGNING("ocspSigning", Oids.KP_OCSP_SIGNING);

    private final String flag;
    private final String oid;

    ExtendedKeyUsage(String flag, String oid) {
        this.flag = flag;
        this.oid = oid;
    }

    public String flag() {
        return flag;
    }

    public String oid() {
        return oid;
    }

    public static Optional<ExtendedKeyUsage> ofFlag(String flag) {
        for (ExtendedKeyUsage e : values()) if (e.flag.equalsIgnoreCase(flag)) return Optional.of(e);
        return Optional.empty();
    }
}
