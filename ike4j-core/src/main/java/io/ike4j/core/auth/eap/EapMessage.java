package io.ike4j.core.auth.eap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One EAP packet (RFC 3748 4). For Success/Failure {@code type} is 0 and {@code typeData} empty. For Expanded Types
 * (254) {@code typeData} starts with the 3-octet Vendor-Id and 4-octet Vendor-Type (RFC 3748 5.7).
 */
public record EapMessage(EapCode code, int identifier, int type, byte[] typeData) {

    public static final int HEADER = 4;
    public static final int MAX_LENGTH = 0xffff;

    public EapMessage {
        if (identifier < 0 || identifier > 255) throw new IllegalArgumentException("identifier out of range");
        boolean hasType = code == EapCode.REQUEST || code == EapCode.RESPONSE;
        if (hasType && (type < 1 || type > 255)) throw new IllegalArgumentException("type out of range");
        if (!hasType && (type != 0 || typeData.length != 0)) throw new IllegalArgumentException("Success/Failure carry no data");
        if (HEADER + (hasType ? 1 : 0) + typeData.length > MAX_LENGTH) throw new IllegalArgumentException("too long");
        typeData = typeData.clone();
    }

    public static EapMessage request(int identifier, int type, byte[] typeData) {
        return new EapMessage(EapCode.REQUEST, identifier, type, typeData);
    }

    public static EapMessage response(int identifier, int type, byte[] typeData) {
        return new EapMessage(EapCode.RESPONSE, identifier, type, typeData);
    }

    public static EapMessage success(int identifier) {
        return new EapMessage(EapCode.SUCCESS, identifier, 0, new byte[0]);
    }

    public static EapMessage failure(int identifier) {
        return new EapMessage(EapCode.FAILURE, identifier, 0, new byte[0]);
    }

    /** RFC 3748 5.3.1: Legacy Nak listing the desired authentication Types (0 = none acceptable). */
    public static EapMessage nak(int identifier, List<Integer> desired) {
        byte[] data = new byte[Math.max(1, desired.size())];
        for (int i = 0; i < desired.size(); i++) data[i] = (byte) (int) desired.get(i);
        return response(identifier, EapType.NAK.value(), data);
    }

    @Override
    public byte[] typeData() {
        return typeData.clone();
    }

    public boolean hasType() {
        return code == EapCode.REQUEST || code == EapCode.RESPONSE;
    }

    public boolean isType(EapType t) {
        return hasType() && type == t.value();
    }

    /** The Types a Nak asks for (RFC 3748 5.3.1); 0 entries (no alternative) are dropped. Empty if not a Nak. */
    public List<Integer> nakDesiredTypes() {
        List<Integer> out = new ArrayList<>();
        if (!isType(EapType.NAK)) return out;
        for (byte b : typeData) if (b != 0) out.add(b & 0xff);
        return out;
    }

    public int length() {
        return HEADER + (hasType() ? 1 + typeData.length : 0);
    }

    public byte[] encode() {
        int len = length();
        byte[] out = new byte[len];
        out[0] = (byte) code.value();
        out[1] = (byte) identifier;
        out[2] = (byte) (len >>> 8);
        out[3] = (byte) len;
        if (hasType()) {
            out[4] = (byte) type;
            System.arraycopy(typeData, 0, out, 5, typeData.length);
        }
        return out;
    }

    /**
     * Decodes one EAP packet. The Length field must be at least the header and at most the octets given; octets beyond
     * it are link-layer padding and ignored (RFC 3748 4). Success/Failure must have Length 4 (RFC 3748 4.2).
     */
    public static EapDecodeResult decode(byte[] in) {
        if (in == null || in.length < HEADER) return malformed(EapError.Kind.TOO_SHORT, "fewer than 4 octets");
        int len = ((in[2] & 0xff) << 8) | (in[3] & 0xff);
        if (len < HEADER) return malformed(EapError.Kind.BAD_LENGTH, "Length " + len + " < 4");
        if (len > in.length) return malformed(EapError.Kind.BAD_LENGTH, "Length " + len + " > " + in.length + " octets received");
        Optional<EapCode> code = EapCode.of(in[0] & 0xff);
        if (code.isEmpty()) return malformed(EapError.Kind.UNKNOWN_CODE, "code " + (in[0] & 0xff));
        int id = in[1] & 0xff;
        return switch (code.get()) {
            case SUCCESS, FAILURE -> len == HEADER
                    ? new EapDecodeResult.Decoded(new EapMessage(code.get(), id, 0, new byte[0]))
                    : malformed(EapError.Kind.BAD_LENGTH, code.get() + " with Length " + len);
            case REQUEST, RESPONSE -> {
                if (len < HEADER + 1) yield malformed(EapError.Kind.MISSING_TYPE, "no Type octet");
                int type = in[4] & 0xff;
                if (type == 0) yield malformed(EapError.Kind.MISSING_TYPE, "Type 0");
                byte[] data = Arrays.copyOfRange(in, HEADER + 1, len);
                if (type == EapType.EXPANDED.value() && data.length < 7) {
                    yield malformed(EapError.Kind.MALFORMED_TYPE_DATA, "Expanded Type shorter than Vendor-Id/Vendor-Type");
                }
                yield new EapDecodeResult.Decoded(new EapMessage(code.get(), id, type, data));
            }
        };
    }

    private static EapDecodeResult malformed(EapError.Kind kind, String detail) {
        return new EapDecodeResult.Malformed(EapError.of(kind, detail));
    }

    /** Same code, identifier, type and data. */
    public boolean sameAs(EapMessage o) {
        return o != null && o.code == code && o.identifier == identifier && o.type == type && Arrays.equals(o.typeData, typeData);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EapMessage m && sameAs(m);
    }

    @Override
    public int hashCode() {
        return ((code.hashCode() * 31 + identifier) * 31 + type) * 31 + Arrays.hashCode(typeData);
    }

    /** Header fields only: type data may carry credentials-derived values. */
    @Override
    public String toString() {
        return "EAP[" + code + " id=" + identifier + (hasType() ? " type=" + type + " " + typeData.length + " bytes" : "") + "]";
    }

    static String hex(byte[] b) {
        return HexFormat.of().withUpperCase().formatHex(b);
    }

    static int next(int identifier) {
        return (identifier + 1) & 0xff;
    }
}
