package io.ike4j.core.auth.cert;

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
 * The URIs of a certificate's cRLDistributionPoints extension (RFC 5280 4.2.1.13): each DistributionPoint's
 * fullName GeneralNames, uniformResourceIdentifier entries only. A malformed extension gives no URIs.
 */
public final class CrlDistributionPoints {
    private static final int SEQUENCE = 0x30;
    private static final int DP_NAME = 0xA0; // distributionPoint [0], and fullName [0] inside it
    private static final int URI_NAME = 0x86; // GeneralName uniformResourceIdentifier [6] IMPLICIT IA5String

    private CrlDistributionPoints() {}

    public static List<URI> uris(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue(Oids.CRL_DISTRIBUTION_POINTS);
        if (ext == null) return List.of();
        List<URI> out = new ArrayList<>();
        try {
            byte[] value = DerReader.single(ext).contents(); // the extnValue OCTET STRING
            DerReader points = DerReader.single(value).reader();
            while (points.hasMore()) {
                DerReader dp = points.read(SEQUENCE).reader();
                if (!dp.hasMore() || dp.peekTag() != DP_NAME) continue;
                DerReader name = dp.read(DP_NAME).reader();
                if (!name.hasMore() || name.peekTag() != DP_NAME) continue; // nameRelativeToCRLIssuer: not a URI
                DerReader general = name.read(DP_NAME).reader();
                while (general.hasMore()) {
                    DerReader.Element g = general.read();
                    if (g.tag() != URI_NAME) continue;
                    try {
                        out.add(new URI(new String(g.contents(), StandardCharsets.US_ASCII)));
                    } catch (URISyntaxException e) {
                        // an unusable entry: skipped
                    }
                }
            }
        } catch (DerException e) {
            return out;
        }
        return out;
    }
}
