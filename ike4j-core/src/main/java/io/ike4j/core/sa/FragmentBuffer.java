package io.ike4j.core.sa;

import java.util.Arrays;
import java.util.TreeMap;

/**
 * Collects the decrypted fragments of one message (RFC 7383 2.6) until all {@code total} are present. Bounded: at
 * most {@link #MAX_FRAGMENTS} fragments, at most the caller's byte limit in total, and a buffer older than
 * {@link #TIMEOUT_SECONDS} is stale (the peer retransmits every fragment of a message it still cares about).
 */
public final class FragmentBuffer {
    /** The most fragments one message may announce (strongSwan refuses more as well). */
    public static final int MAX_FRAGMENTS = 255;
    /** An incomplete message older than this is dropped when the next fragment arrives. */
    public static final long TIMEOUT_SECONDS = 30;

    private final long messageId;
    private final int total;
    private final long startedAtEpochSecond;
    private int firstInnerPayload;
    private int bytes;
    private final TreeMap<Integer, byte[]> parts = new TreeMap<>();

    public FragmentBuffer(long messageId, int total) {
        this(messageId, total, 0);
    }

    public FragmentBuffer(long messageId, int total, long startedAtEpochSecond) {
        this.messageId = messageId;
        this.total = total;
        this.startedAtEpochSecond = startedAtEpochSecond;
    }

    public long messageId() { return messageId; }

    public int total() { return total; }

    public int firstInnerPayload() { return firstInnerPayload; }

    /** Plaintext bytes held. */
    public int bytes() { return bytes; }

    public int received() { return parts.size(); }

    public boolean stale(long nowEpochSecond) {
        return nowEpochSecond - startedAtEpochSecond > TIMEOUT_SECONDS;
    }

    /** Adds fragment {@code number}; returns true when all fragments are present. Duplicates are ignored. */
    public boolean add(int number, int firstInner, byte[] plaintext) {
        if (number < 1 || number > total || parts.containsKey(number)) return parts.size() == total;
        if (number == 1) firstInnerPayload = firstInner;
        parts.put(number, plaintext.clone());
        bytes += plaintext.length;
        return parts.size() == total;
    }

    public java.util.List<byte[]> inOrder() {
        return parts.values().stream().map(byte[]::clone).toList();
    }

    public void wipe() {
        parts.values().forEach(p -> Arrays.fill(p, (byte) 0));
        parts.clear();
        bytes = 0;
    }
}
