package io.ike4j.daemon.config;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Secret bytes from the {@code secrets} section (a PSK, EAP/XAuth password, key passphrase or PIN).
 * Never printed: {@link #toString()} is redacted. Compared in constant time.
 */
public final class Secret {
    private final byte[] bytes;

    public Secret(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    /** A copy of the secret; callers should wipe it with {@code Arrays.fill} when done. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** Overwrites the secret in memory. */
    public void wipe() {
        Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && MessageDigest.isEqual(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
        return 1; // no information about the content
    }

    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
