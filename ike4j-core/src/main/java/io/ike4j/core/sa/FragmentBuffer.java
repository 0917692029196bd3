package io.ike4j.core.sa;

import java.util.Arrays;
import java.util.TreeMap;

/** Collects the decrypted fragments of one message (RFC 7383 2.6) until all {@code total} are present. */
public final class FragmentBuffer {
    private final long messageId;
    private final int total;
    private int firstInnerPayload;
    private final TreeMap<Integer, byte[]> parts = new TreeMap<>();

    public FragmentBuffer(long messageId, int total) {
        this.messageId = messageId;
        this.total = total;
    }

    public long messageId() { return messageId; }

    public int total() { return total; }

    public int firstInnerPayload() { return firstInnerPayload; }

    /** Adds fragment {@code number}; returns true when all fragments are present. Duplicates are ignored. */
    public boolean add(int number, int firstInner, byte[] plaintext) {
        if (number < 1 || number > total || parts.containsKey(number)) return parts.size() == total;
        if (number == 1) firstInnerPayload = firstInner;
        parts.put(number, plaintext.clone());
        return parts.size() == total;
    }

    public java.util.List<byte[]> inOrder() {
        return parts.values().stream().map(byte[]::clone).toList();
    }

    public void wipe() {
        parts.values().forEach(p -> Arrays.fill(p, (byte) 0));
        parts.clear();
    }
}
