package io.ike4j.core.auth.cert.issue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;

/**
 * strongSwan writes DNs in encoding order, most significant RDN first ("C=CH, O=strongSwan, CN=moon"), the
 * reverse of RFC 4514 strings. These helpers convert between the two.
 */
public final class DistinguishedNames {
    /** Attribute keywords beyond those X500Principal knows (strongSwan names). */
    static final Map<String, String> EXTRA_KEYWORDS = Map.of(
            "E", "1.2.840.113549.1.9.1",
            "EMAIL", "1.2.840.113549.1.9.1",
            "EMAILADDRESS", "1.2.840.113549.1.9.1",
            "SN", "2.5.4.5",
            "SERIALNUMBER", "2.5.4.5",
            "G", "2.5.4.42",
            "GN", "2.5.4.42",
            "T", "2.5.4.12");

    private DistinguishedNames() {}

    /** Parses a strongSwan-order DN; throws IllegalArgumentException (from X500Principal) if malformed. */
    public static X500Principal parse(String strongSwanDn) {
        List<String> rdns = splitRdns(strongSwanDn);
        Collections.reverse(rdns);
        return new X500Principal(String.join(", ", rdns), EXTRA_KEYWORDS);
    }

    /** strongSwan-order text of a principal. */
    public static String format(X500Principal p) {
        List<String> rdns = splitRdns(p.getName(X500Principal.RFC1779, Map.of("1.2.840.113549.1.9.1", "E", "2.5.4.5", "SN")));
        Collections.reverse(rdns);
        return String.join(", ", rdns);
    }

    /** Splits on ',' (or ';') not escaped by '\' and not inside quotes; trims each RDN. */
    public static List<String> splitRdns(String dn) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < dn.length(); i++) {
            char c = dn.charAt(i);
            if (c == '\\' && i + 1 < dn.length()) {
                cur.append(c).append(dn.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                cur.append(c);
            } else if ((c == ',' || c == ';') && !quoted) {
                out.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (!cur.toString().isBlank()) out.add(cur.toString().strip());
        return out;
    }
}
