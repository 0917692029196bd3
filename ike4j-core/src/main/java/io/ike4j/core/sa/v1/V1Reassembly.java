package io.ike4j.core.sa.v1;

import java.io.ByteArrayOutputStream;
import java.util.TreeMap;

/**
 * Reassembly of one ISAKMP SA's incoming IKEv1 fragments (the proprietary {@code FRAGMENTATION} extension), one
 * message at a time like strongSwan: a fragment with a higher ID than the message being collected starts over (older
 * pieces are discarded), a lower ID is stale. Bounded by {@link #MAX_FRAGMENTS} pieces, a byte limit and
 * {@link #TIMEOUT_SECONDS}; an incomplete message (e.g. one whose LAST fragment never comes) is dropped when the
 * next fragment arrives after that time. Every refusal is a typed {@link Fault}, never an exception.
 */
public final class V1Reassembly {
    /** The most pieces one message may have (a 10 kB message in 576-byte datagrams needs 20). */
    public static final int MAX_FRAGMENTS = 64;
    /** An incomplete message older than this is discarded when the next fragment arrives. */
    public static final long TIMEOUT_SECONDS = 30;

    /** Why a fragment was not taken. */
    public enum Fault {
        /** Fragment ID 0 (IDs start at 1). */
        ID_ZERO,
        /** Fragment number 0 (numbers start at 1). */
        NUMBER_ZERO,
        /** A fragment without data. */
        NO_DATA,
        /** An ID lower than the message being collected. */
        STALE_ID,
        /** A number already held (a retransmission). */
        DUPLICATE,
        /** A number after the LAST one, or a LAST flag before pieces already held. */
        BEYOND_LAST,
        /** A second, different fragment flagged LAST. */
        SECOND_LAST,
        /** More than {@link #MAX_FRAGMENTS} pieces. */
        TOO_MANY,
        /** The pieces together exceed the byte limit. */
        TOO_LARGE
    }

    /** What one fragment did. */
    public sealed interface Outcome {
        /** Taken; {@code held} pieces of the message are present. */
        record Pending(int held) implements Outcome {}

        /** The last missing piece: the whole original datagram, ISAKMP header included. */
        record Complete(byte[] message, int fragments) implements Outcome {}

        /** Refused ({@code detail} never contains input bytes); the message collected so far is kept unless said. */
        record Dropped(Fault fault, String detail) implements Outcome {}
    }

    private final int maxBytes;
    private int id = -1;
    private int lastNumber;
    private int bytes;
    private long startedAt;
    private final TreeMap<Integer, byte[]> pieces = new TreeMap<>();

    public V1Reassembly(int maxBytes) {
        if (maxBytes < 1) throw new IllegalArgumentException("maxBytes < 1");
        this.maxBytes = maxBytes;
    }

    /** True while pieces of a message are held. */
    public boolean collecting() {
        return id >= 0;
    }

    public Outcome add(int fragmentId, int number, boolean last, byte[] data, long nowEpochSecond) {
        if (fragmentId == 0) return new Outcome.Dropped(Fault.ID_ZERO, "fragment ID 0");
        if (number == 0) return new Outcome.Dropped(Fault.NUMBER_ZERO, "fragment number 0");
        if (data.length == 0) return new Outcome.Dropped(Fault.NO_DATA, "fragment #" + number + " without data");
        if (number > MAX_FRAGMENTS) {
            return new Outcome.Dropped(Fault.TOO_MANY, "fragment #" + number + " beyond the limit of " + MAX_FRAGMENTS);
        }
        if (collecting() && nowEpochSecond - startedAt > TIMEOUT_SECONDS) reset();
        if (collecting() && fragmentId < id) {
            return new Outcome.Dropped(Fault.STALE_ID, "fragment ID " + fragmentId + " older than " + id);
        }
        if (!collecting() || fragmentId > id) {
            reset();
            id = fragmentId;
            startedAt = nowEpochSecond;
        }
        if (pieces.containsKey(number)) return new Outcome.Dropped(Fault.DUPLICATE, "duplicate fragment #" + number);
        if (lastNumber > 0 && number > lastNumber) {
            return new Outcome.Dropped(Fault.BEYOND_LAST, "fragment #" + number + " after the last one #" + lastNumber);
        }
        if (last && lastNumber > 0) {
            return new Outcome.Dropped(Fault.SECOND_LAST, "fragment #" + number + " flagged LAST after #" + lastNumber);
        }
        if (last && !pieces.isEmpty() && pieces.lastKey() > number) {
            String detail = "fragment #" + number + " flagged LAST but #" + pieces.lastKey() + " is held: message discarded";
            reset();
            return new Outcome.Dropped(Fault.BEYOND_LAST, detail);
        }
        if ((long) bytes + data.length > maxBytes) {
            reset();
            return new Outcome.Dropped(Fault.TOO_LARGE, "fragmented message larger than " + maxBytes + " bytes: discarded");
        }
        pieces.put(number, data.clone());
        bytes += data.length;
        if (last) lastNumber = number;
        if (lastNumber == 0 || pieces.size() < lastNumber) return new Outcome.Pending(pieces.size());
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes);
        pieces.values().forEach(out::writeBytes);
        int n = pieces.size();
        reset();
        return new Outcome.Complete(out.toByteArray(), n);
    }

    /** Forgets the message being collected. */
    public void reset() {
        id = -1;
        lastNumber = 0;
        bytes = 0;
        pieces.clear();
    }
}
