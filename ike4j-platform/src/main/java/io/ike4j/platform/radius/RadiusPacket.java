package io.ike4j.platform.radius;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A RADIUS packet (RFC 2865 3): Code, Identifier, Length, 16-octet Authenticator, attributes. */
public record RadiusPacket(RadiusCode code, int identifier, byte[] authenticator, List<RadiusAttribute> attributes) {
    public static final int HEADER = 20;
    public static final int MAX_LENGTH = 4096;

    public RadiusPacket {
        if (identifier < 0 || identifier > 255) throw new IllegalArgumentException("identifier out of range");
        if (authenticator.length != 16) throw new IllegalArgumentException("authenticator must be 16 octets");
        authenticator = authenticator.clone();
        attributes = List.copyOf(attributes);
    }

    @Override
    public byte[] authenticator() {
        return authenticator.clone();
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int len = HEADER;
        for (RadiusAttribute a : attributes) len += a.encodedLength();
        if (len > MAX_LENGTH) throw new IllegalArgumentException("RADIUS packet longer than 4096 octets");
        out.write(code.value());
        out.write(identifier);
        out.write(len >>> 8);
        out.write(len);
        out.writeBytes(authenticator);
        for (RadiusAttribute a : attributes) {
            out.write(a.type());
            out.write(a.encodedLength());
            out.writeBytes(a.value());
        }
        return out.toByteArray();
    }

    public List<RadiusAttribute> all(int type) {
        return attributes.stream().filter(a -> a.type() == type).toList();
    }

    public Optional<RadiusAttribute> first(int type) {
        return attributes.stream().filter(a -> a.type() == type).findFirst();
    }

    /** RFC 3579 3.1: the EAP packet is the concatenation of all EAP-Message attributes in order. */
    public Optional<byte[]> eapMessage() {
        List<RadiusAttribute> parts = all(RadiusAttributeType.EAP_MESSAGE);
        if (parts.isEmpty()) return Optional.empty();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (RadiusAttribute a : parts) out.writeBytes(a.value());
        return Optional.of(out.toByteArray());
    }

    /** RFC 3579 3.1: an EAP packet split into EAP-Message attributes of at most 253 octets (one empty one for EAP-Start). */
    public static List<RadiusAttribute> eapAttributes(byte[] eap) {
        List<RadiusAttribute> out = new ArrayList<>();
        if (eap.length == 0) out.add(new RadiusAttribute(RadiusAttributeType.EAP_MESSAGE, new byte[0]));
        for (int off = 0; off < eap.length; off += RadiusAttribute.MAX_VALUE) {
            out.add(new RadiusAttribute(RadiusAttributeType.EAP_MESSAGE,
                    Arrays.copyOfRange(eap, off, Math.min(eap.length, off + RadiusAttribute.MAX_VALUE))));
        }
        return out;
    }

    /**
     * Decodes a datagram. Octets beyond the Length field are padding and ignored (RFC 2865 3); a Length below 20 or
     * above the datagram, or attributes that do not exactly fill it, make the packet a drop.
     */
    public static RadiusDecodeResult decode(byte[] in) {
        if (in.length < HEADER) return drop(RadiusDrop.Kind.TOO_SHORT, "fewer than 20 octets");
        int len = ((in[2] & 0xff) << 8) | (in[3] & 0xff);
        if (len < HEADER || len > MAX_LENGTH || len > in.length) return drop(RadiusDrop.Kind.BAD_LENGTH, "Length " + len + " for " + in.length + " octets");
        Optional<RadiusCode> code = RadiusCode.of(in[0] & 0xff);
        if (code.isEmpty()) return drop(RadiusDrop.Kind.UNKNOWN_CODE, "code " + (in[0] & 0xff));
        List<RadiusAttribute> attrs = new ArrayList<>();
        int off = HEADER;
        while (off < len) {
            if (off + 2 > len) return drop(RadiusDrop.Kind.BAD_ATTRIBUTE, "attribute header truncated at " + off);
            int type = in[off] & 0xff;
            int alen = in[off + 1] & 0xff;
            if (type == 0 || alen < 2 || off + alen > len) return drop(RadiusDrop.Kind.BAD_ATTRIBUTE, "attribute at " + off + " type " + type + " length " + alen);
            attrs.add(new RadiusAttribute(type, Arrays.copyOfRange(in, off + 2, off + alen)));
            off += alen;
        }
        return new RadiusDecodeResult.Decoded(new RadiusPacket(code.get(), in[1] & 0xff, Arrays.copyOfRange(in, 4, 20), attrs));
    }

    private static RadiusDecodeResult drop(RadiusDrop.Kind kind, String detail) {
        return new RadiusDecodeResult.Dropped(new RadiusDrop(kind, detail));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RadiusPacket p && p.code == code && p.identifier == identifier
                && Arrays.equals(p.authenticator, authenticator) && p.attributes.equals(attributes);
    }

    @Override
    public int hashCode() {
        return (code.hashCode() * 31 + identifier) * 31 + attributes.hashCode();
    }

    @Override
    public String toString() {
        return "RadiusPacket[" + code + " id=" + identifier + " " + attributes.size() + " attributes]";
    }
}
