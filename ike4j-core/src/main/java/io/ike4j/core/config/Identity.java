package io.ike4j.core.config;

import io.ike4j.core.codec.payload.IdType;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * An IKE identity (RFC 7296 3.5): the IANA ID type and the identification data. {@link #ANY} ({@code %any}) is the
 * wildcard used to match any remote identity; it has no ID type (empty {@link #type()}) and is never sent.
 * Parses strongSwan identity strings with {@link #parse(String)}.
 */
public record Identity(Optional<IdType> type, byte[] data) {
    public static final Identity ANY = new Identity(Optional.empty(), new byte[0]);

    public Identity {
        if (type == null || data == null) throw new IllegalArgumentException("type and data required");
        if (type.isEmpty() && data.length != 0) throw new IllegalArgumentException("%any carries no data");
        data = data.clone();
    }

    /** A concrete identity of an IANA ID type. */
    public Identity(IdType type, byte[] data) {
        this(Optional.of(type), data);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public boolean isAny() {
        return type.isEmpty();
    }

    /** The ID type of a concrete identity; {@code %any} has none (a programming error to ask, it is never sent). */
    public IdType concreteType() {
        return type.orElseThrow(() -> new IllegalStateException("%any has no ID type"));
    }

    /** True for {@code %any} and FQDN/RFC822 identities with a {@code *} wildcard: never sent, only matched. */
    public boolean isPattern() {
        if (isAny()) return true;
        if (!isText(type.get())) return false;
        for (byte b : data) if (b == '*') return true;
        return false;
    }

    private static boolean isText(IdType t) {
        return t == IdType.ID_FQDN || t == IdType.ID_RFC822_ADDR;
    }

    public static Identity ofAddress(InetAddress address) {
        byte[] a = address.getAddress();
        return new Identity(a.length == 4 ? IdType.ID_IPV4_ADDR : IdType.ID_IPV6_ADDR, a);
    }

    public static Identity fqdn(String name) {
        return new Identity(IdType.ID_FQDN, name.getBytes(StandardCharsets.US_ASCII));
    }

    public static Identity rfc822(String address) {
        return new Identity(IdType.ID_RFC822_ADDR, address.getBytes(StandardCharsets.US_ASCII));
    }

    public static Identity keyId(byte[] keyId) {
        return new Identity(IdType.ID_KEY_ID, keyId);
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
        if (other.type.equals(type) && Arrays.equals(other.data, data)) return MATCH_PERFECT;
        if (other.type.equals(type) && isText(type.get())) {
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
        return o instanceof Identity i && i.type.equals(type) && Arrays.equals(i.data, data);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(data);
    }

    /** strongSwan-like text: {@code 192.0.2.1}, {@code moon.example}, {@code user@host}, {@code @#0a0b}, {@code %any}. */
    @Override
    public String toString() {
        if (type.isEmpty()) return "%any";
        return switch (type.get()) {
            case ID_IPV4_ADDR, ID_IPV6_ADDR -> IpLiterals.format(data).orElse("@#" + HexFormat.of().formatHex(data));
            case ID_FQDN, ID_RFC822_ADDR -> new String(data, StandardCharsets.US_ASCII);
            case ID_DER_ASN1_DN -> io.ike4j.core.auth.cert.IkeIdentity.dnText(data).orElse("@#" + HexFormat.of().formatHex(data));
            // as strongSwan prints identities (and so VICI/list-sas show them): text if printable, else hex with colons
            default -> printable(data) ? new String(data, StandardCharsets.US_ASCII) : colonHex(data);
        };
    }

    private static boolean printable(byte[] b) {
        if (b.length == 0) return false;
        for (byte x : b) {
            if (x < 0x20 || x > 0x7e) return false;
        }
        return true;
    }

    private static String colonHex(byte[] b) {
        return HexFormat.ofDelimiter(":").formatHex(b);
    }
}
