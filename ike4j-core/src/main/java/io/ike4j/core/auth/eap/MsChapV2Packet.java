package io.ike4j.core.auth.eap;

import java.util.Arrays;
import java.util.Optional;

/**
 * EAP-MSCHAPv2 Type-Data (draft-kamath-pppext-eap-mschapv2-02 2): OpCode, MS-CHAPv2-ID, MS-Length, data. The
 * Success/Failure Responses of the peer are the bare OpCode. MS-Length equals the Type-Data length
 * (EAP Length - 5); a mismatching MS-Length is tolerated as other implementations do.
 */
record MsChapV2Packet(int opCode, int msChapId, byte[] data) {
    static final int CHALLENGE = 1, RESPONSE = 2, SUCCESS = 3, FAILURE = 4;

    static Optional<MsChapV2Packet> parse(byte[] typeData) {
        if (typeData.length == 1) return Optional.of(new MsChapV2Packet(typeData[0] & 0xff, -1, new byte[0]));
        if (typeData.length < 4) return Optional.empty();
        return Optional.of(new MsChapV2Packet(typeData[0] & 0xff, typeData[1] & 0xff, Arrays.copyOfRange(typeData, 4, typeData.length)));
    }

    byte[] encode() {
        if (msChapId < 0) return new byte[] {(byte) opCode};
        byte[] out = new byte[4 + data.length];
        out[0] = (byte) opCode;
        out[1] = (byte) msChapId;
        out[2] = (byte) (out.length >>> 8);
        out[3] = (byte) out.length;
        System.arraycopy(data, 0, out, 4, data.length);
        return out;
    }

    static MsChapV2Packet bare(int opCode) {
        return new MsChapV2Packet(opCode, -1, new byte[0]);
    }

    /** Value-Size, Value, Name (Challenge: 16-octet value; Response: 49-octet value). */
    static byte[] valueAndName(byte[] value, byte[] name) {
        byte[] out = new byte[1 + value.length + name.length];
        out[0] = (byte) value.length;
        System.arraycopy(value, 0, out, 1, value.length);
        System.arraycopy(name, 0, out, 1 + value.length, name.length);
        return out;
    }

    /** Splits Value-Size/Value/Name when the Value has the expected size. */
    static Optional<byte[][]> splitValue(byte[] data, int expectedSize) {
        if (data.length < 1 + expectedSize || (data[0] & 0xff) != expectedSize) return Optional.empty();
        return Optional.of(new byte[][] {Arrays.copyOfRange(data, 1, 1 + expectedSize), Arrays.copyOfRange(data, 1 + expectedSize, data.length)});
    }

    /** The user name the ChallengeHash uses: the part after a "DOMAIN\" prefix (RFC 2759 4, 8.2). */
    static byte[] userNameForHash(byte[] name) {
        for (int i = name.length - 1; i >= 0; i--) {
            if (name[i] == '\\') return Arrays.copyOfRange(name, i + 1, name.length);
        }
        return name;
    }
}
