package io.ike4j.core.auth.cert;

import io.ike4j.core.auth.der.Der;
import io.ike4j.core.auth.der.DerException;
import io.ike4j.core.auth.der.DerReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Distinguished names as ordered attribute lists (RFC 5280 4.1.2.4), for strongSwan-style DN matching. */
final class DnNames {
    /** One attribute: type OID and string value. */
    record Attribute(String oid, String value) {}

    static final Map<String, String> KEYWORDS = Map.ofEntries(
            Map.entry("CN", "2.5.4.3"), Map.entry("SN", "2.5.4.5"), Map.entry("C", "2.5.4.6"),
            Map.entry("L", "2.5.4.7"), Map.entry("ST", "2.5.4.8"), Map.entry("STREET", "2.5.4.9"),
            Map.entry("O", "2.5.4.10"), Map.entry("OU", "2.5.4.11"), Map.entry("T", "2.5.4.12"),
            Map.entry("G", "2.5.4.42"), Map.entry("GN", "2.5.4.42"), Map.entry("E", "1.2.840.113549.1.9.1"),
            Map.entry("EMAIL", "1.2.840.113549.1.9.1"), Map.entry("EMAILADDRESS", "1.2.840.113549.1.9.1"),
            Map.entry("DC", "0.9.2342.19200300.100.1.25"), Map.entry("UID", "0.9.2342.19200300.100.1.1"),
            Map.entry("SERIALNUMBER", "2.5.4.5"));

    private DnNames() {}

    /** Attributes of a DER Name in encoding order (multi-valued RDNs flattened). */
    static List<Attribute> fromDer(byte[] der) throws DerException {
        List<Attribute> out = new ArrayList<>();
        DerReader.Element name = DerReader.single(der);
        if (!name.is(Der.SEQUENCE)) throw new DerException("Name is not a SEQUENCE");
        DerReader rdns = name.reader();
        while (rdns.hasMore()) {
            DerReader set = rdns.read(Der.SET).reader();
            while (set.hasMore()) {
                DerReader ava = set.read(Der.SEQUENCE).reader();
                String oid = ava.read(Der.OID).oid();
                DerReader.Element v = ava.read();
                ava.expectEnd();
                out.add(new Attribute(oid, new String(v.contents(), v.tag() == 0x1e ? StandardCharsets.UTF_16BE
                        : v.tag() == Der.UTF8_STRING ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1)));
            }
        }
        return out;
    }

    /** strongSwan's display of a DER Name: attributes in encoding order, "C=CH, O=Org, CN=moon"; empty if malformed. */
    static java.util.Optional<String> format(byte[] der) {
        try {
            List<String> parts = new ArrayList<>();
            for (Attribute a : fromDer(der)) {
                String key = switch (a.oid()) {
                    case "2.5.4.5" -> "SN";
                    case "2.5.4.42" -> "G";
                    case "1.2.840.113549.1.9.1" -> "E";
                    default -> KEYWORDS.entrySet().stream().filter(e -> e.getValue().equals(a.oid())).map(Map.Entry::getKey)
                            .findFirst().orElse(a.oid());
                };
                parts.add(key + "=" + a.value());
            }
            return java.util.Optional.of(String.join(", ", parts));
        } catch (DerException e) {
            return java.util.Optional.empty();
        }
    }

    /** Parses strongSwan-order text ("C=CH, O=Org, CN=*"); empty on unknown keywords or syntax. */
    static java.util.Optional<List<Attribute>> fromText(String text) {
        List<Attribute> out = new ArrayList<>();
        for (String rdn : io.ike4j.core.auth.cert.issue.DistinguishedNames.splitRdns(text)) {
            int eq = rdn.indexOf('=');
            if (eq <= 0) return java.util.Optional.empty();
            String key = rdn.substring(0, eq).strip().toUpperCase(Locale.ROOT);
            String oid = KEYWORDS.getOrDefault(key, key.matches("\\d+(\\.\\d+)+") ? key : null);
            if (oid == null) return java.util.Optional.empty();
            String value = rdn.substring(eq + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) value = value.substring(1, value.length() - 1);
            out.add(new Attribute(oid, value.replaceAll("\\\\(.)", "$1")));
        }
        return out.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(out);
    }

    /** Same types in the same order; values equal ignoring case and surrounding blanks, "*" in the pattern matches any. */
    static boolean matches(List<Attribute> pattern, List<Attribute> name) {
        if (pattern.size() != name.size()) return false;
        for (int i = 0; i < pattern.size(); i++) {
            Attribute p = pattern.get(i);
            Attribute n = name.get(i);
            if (!p.oid().equals(n.oid())) return false;
            if (p.value().equals("*")) continue;
            if (!p.value().strip().equalsIgnoreCase(n.value().strip())) return false;
        }
        return true;
    }
}
