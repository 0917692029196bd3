package io.ike4j.core.config;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * An IKE identity (RFC 7296 3.5): the IANA ID type number and the identification data.
 * {@link #ANY} ({@code %any}) is the wildcard used to match any remote identity; it is never sent.
 * Parses strongSwan identity strings with {@link #parse(String)}.
 */
public record Identity(int type, byte[] data) {
    // RFC 7296 3.5 ID types (IANA "IKEv2 Identification Payload ID Types")
    public static final int ID_ANY = 0;
    public static final int ID_IPV4_ADDR = 1;
    public static final int ID_FQDN = 2;
    public static final int ID_RFC822_ADDR = 3;
    public static final int ID_IPV6_ADDR = 5;
    public static final int ID_DER_ASN1_DN = 9;
    public static final int ID_DER_ASN1_GN = 10;
    public static final int ID_KEY_ID = 11;

    public static final Identity ANY = new Identity(ID_ANY, new byte[0]);

    public Identity {
        if (type < 0 || type > 255) throw new IllegalArgumentException("ID type out of range: " + type);
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public boolean isAny() {
        return type == ID_ANY;
    }

    public static Identity ofAddress(InetAddress address) {
        byte[] a = address.getAddress();
        return new Identity(a.length == 4 ? ID_IPV4_ADDR : ID_IPV6_ADDR, a);
    }

    public static Identity fqdn(String name) {
        return new Identity(ID_FQDN, name.getBytes(StandardCharsets.US_ASCII));
    }

    public static Identity rfc822(String address) {
        return new Identity(ID_RFC822_ADDR, address.getBytes(StandardCharsets.US_ASCII));
    }

    public static Identity keyId(byte[] keyId) {
        return new Identity(ID_KEY_ID, keyId);
    }

    /**
     * Parses a strongSwan identity string: an IPv4/IPv6 literal, {@code @fqdn} or {@code fqdn}, {@code user@host},
     * {@code @#hex} (KEY_ID), {@code %any}/{@code *}. Returns empty for text that is none of these (e.g. bad hex).
     */
    public static Optional<Identity> parse(String text) {
        if (text == null) return Optional.empty();
        String s = text.strip();
        if (s.isEmpty()) return Optional.empty();
        if (s.equals("%any") || s.equals("%any6") || s.equals("*")) return Optional.of(ANY);
        if (s.startsWith("@#")) {
            String hex = s.substring(2).replace(":", "");
            if (hex.isEmpty() || hex.length() % 2 != 0) return Optional.empty();
            try {
                return Optional.of(keyId(HexFormat.of().parseHex(hex)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        if (s.startsWith("@@")) return Optional.of(rfc822(s.substring(2)));
        if (s.startsWith("@")) return s.length() > 1 ? Optional.of(fqdn(s.substring(1))) : Optional.empty();
        Optional<InetAddress> ip = IpLiterals.parse(s);
        if (ip.isPresent()) return Optional.of(ofAddress(ip.get()));
        if (s.indexOf('@') > 0) return Optional.of(rfc822(s));
        if (s.indexOf('=') >= 0) return Optional.empty(); // distinguished names: later (PUBKEY)
        return Optional.of(fqdn(s));
    }

    /** Like {@link #parse(String)} but throws IllegalArgumentException for configuration errors. */
    public static Identity of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not an identity: " + text));
    }

    /**
     * How well {@code other} (a concrete identity) matches this one used as a pattern: {@link #MATCH_PERFECT}
     * for equality, {@link #MATCH_WILDCARD} for a {@code *} pattern in FQDN/RFC822 text, {@link #MATCH_ANY} if this
     * is {@code %any}, {@link #MATCH_NONE} otherwise.
     */
    public int matches(Identity other) {
        if (isAny()) return MATCH_ANY;
        if (other.type == type && Arrays.equals(other.data, data)) return MATCH_PERFECT;
        if (other.type == type && (type == ID_FQDN || type == ID_RFC822_ADDR)) {
            String pattern = new String(data, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
            String value = new String(other.data, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
            if (pattern.equals(value)) return MATCH_PERFECT;
            if (pattern.indexOf('*') >= 0 && glob(pattern, value)) return MATCH_WILDCARD;
        }
        return MATCH_NONE;
    }

    public static final int MATCH_NONE = 0;
    public static final int MATCH_ANY = 1;
    public static final int MATCH_WILDCARD = 2;
    public static final int MATCH_PERFECT = 3;

    private static boolean glob(String pattern, String value) {
        int star = pattern.indexOf('*');
        String prefix = pattern.substring(0, star);
        String suffix = pattern.substring(star + 1);
        if (suffix.indexOf('*') >= 0) return false;
        return value.length() >= prefix.length() + suffix.length() && value.startsWith(prefix) && value.endsWith(suffix);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Identity i && i.type == type && Arrays.equals(i.data, data);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(data);
    }

    /** strongSwan-like text: {@code 192.0.2.1}, {@code moon.example}, {@code user@host}, {@code @#0a0b}, {@code %any}. */
    @Override
    public String toString() {
        return switch (type) {
            case ID_ANY -> "%any";
            case ID_IPV4_ADDR, ID_IPV6_ADDR -> IpLiterals.format(data).orElse("@#" + HexFormat.of().formatHex(data));
            case ID_FQDN, ID_RFC822_ADDR -> new String(data, StandardCharsets.US_ASCII);
            default -> "@#" + HexFormat.of().formatHex(data);
        };
    }
}
