package io.ike4j.core.auth.cert.ocsp;

import io.ike4j.core.auth.der.DerException;
import io.ike4j.core.auth.der.DerReader;
import io.ike4j.core.auth.der.Oids;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The OCSP responder URIs of a certificate's authorityInfoAccess extension (RFC 5280 4.2.2.1): AccessDescriptions
 * with accessMethod id-ad-ocsp and a uniformResourceIdentifier location. A malformed extension gives no URIs.
 */
public final class OcspUris {
    private static final int SEQUENCE = 0x30;
    private static final int URI_NAME = 0x86; // GeneralName uniformResourceIdentifier [6] IMPLICIT IA5String

    private OcspUris() {}

    public static List<URI> of(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue(Oids.AUTHORITY_INFO_ACCESS);
        if (ext == null) return List.of();
        List<URI> out = new ArrayList<>();
        try {
            DerReader descriptions = DerReader.single(DerReader.single(ext).contents()).reader();
            while (descriptions.hasMore()) {
                DerReader d = descriptions.read(SEQUENCE).reader();
                String method = d.read().oid();
                DerReader.Element location = d.read();
                if (!method.equals(Oids.AD_OCSP) || location.tag() != URI_NAME) continue;
                try {
                    out.add(new URI(new String(location.contents(), StandardCharsets.US_ASCII)));
                } catch (URISyntaxException e) {
                    // an unusable entry: skipped
                }
            }
        } catch (DerException e) {
            return out;
        }
        return out;
    }
}
