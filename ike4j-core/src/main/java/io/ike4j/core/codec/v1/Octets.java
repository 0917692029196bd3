package io.ike4j.core.codec.v1;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string with value equality, for the opaque fields of IKEv1 wire records. {@link #toString()}
 * shows the length only: payload bodies may carry secrets (KE, nonces, hashes).
 */
public final class Octets {
    public static final Octets EMPTY = new Octets(new byte[0]);

    private final byte[] bytes;

    private Octets(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Octets of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Octets(bytes.clone());
    }

    public static Octets ofHex(String hex) {
        return of(HexFormat.of().parseHex(hex));
    }

    /** Wraps without copying: only for arrays the caller has just created and gives away. */
    static Octets wrap(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Octets(bytes);
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    void writeTo(io.ike4j.core.codec.WireWriter w) {
        w.bytes(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Octets other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Octets[" + bytes.length + "]";
    }
}
