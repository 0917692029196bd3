package io.ike4j.core.auth.eap;

import java.util.Arrays;
import java.util.Optional;

/** EAP-MD5-Challenge Type-Data (RFC 3748 5.4, RFC 1994 4.1): Value-Size, Value, Name. */
record Md5Challenge(byte[] value, byte[] name) {

    static Optional<Md5Challenge> parse(byte[] data) {
        if (data.length < 1) return Optional.empty();
        int size = data[0] & 0xff;
        if (size == 0 || 1 + size > data.length) return Optional.empty();
        return Optional.of(new Md5Challenge(Arrays.copyOfRange(data, 1, 1 + size), Arrays.copyOfRange(data, 1 + size, data.length)));
    }

    byte[] encode() {
        byte[] out = new byte[1 + value.length + name.length];
        out[0] = (byte) value.length;
        System.arraycopy(value, 0, out, 1, value.length);
        System.arraycopy(name, 0, out, 1 + value.length, name.length);
        return out;
    }

    /** RFC 1994 4.1: MD5(Identifier | secret | Challenge). */
    static byte[] response(int identifier, byte[] secret, byte[] challenge) {
        return MsChapV2Crypto.md5(new byte[] {(byte) identifier}, secret, challenge);
    }
}
