package io.ike4j.platform.esp;

/**
 * The receiver's anti-replay window (RFC 4303 3.4.3) as a bitmap ring, with the inference of the high-order
 * 32 bits of extended sequence numbers (RFC 4303 Appendix A2). Not thread-safe: the owning inbound SA locks.
 *
 * <p>Use: {@link #infer(int)} the full sequence number from the 32 bits on the wire, {@link #check(long)} it
 * before the ICV is verified, and {@link #update(long)} only after the ICV verified (RFC 4303 3.4.3).
 */
public final class ReplayWindow {
    public static final int DEFAULT_SIZE = 1024;
    public static final int MAX_SIZE = 1 << 16;

    private final int size;
    private final boolean esn;
    private final long[] bits;
    private final int mask; // size - 1 (size is a power of two)
    /** Highest authenticated sequence number (T in RFC 4303 A2); 0 before the first packet. */
    private long top;

    /**
     * @param size window size in packets; rounded up to a power of two of at least 64 (0 selects the default)
     * @param esn  whether 64-bit extended sequence numbers are in use
     */
    public ReplayWindow(int size, boolean esn) {
        if (size < 0 || size > MAX_SIZE) throw new IllegalArgumentException("replay window out of range: " + size);
        int s = size == 0 ? DEFAULT_SIZE : Math.max(64, Integer.highestOneBit(size - 1) << 1);
        this.size = s;
        this.esn = esn;
        this.bits = new long[s / 64];
        this.mask = s - 1;
    }

    public int size() {
        return size;
    }

    public boolean extendedSequenceNumbers() {
        return esn;
    }

    /** The highest sequence number accepted so far (0 if none). */
    public long top() {
        return top;
    }

    /**
     * The full sequence number for the low 32 bits received (RFC 4303 A2.2). Without ESN that is just the unsigned
     * value. With ESN the high half is chosen so that the number falls into or to the right of the window; a
     * number that would lie before sequence number 1 yields 0, which {@link #check(long)} rejects.
     */
    public long infer(int seqLow) {
        long low = Integer.toUnsignedLong(seqLow);
        if (!esn) return low;
        long tl = top & 0xffffffffL;
        long th = top >>> 32;
        long w = size;
        if (tl >= w - 1) {
            // Case A: window within one subspace
            return low >= tl - w + 1 ? (th << 32) | low : ((th + 1) << 32) | low;
        }
        // Case B: window spans two subspaces
        long bottom = (tl - w + 1) & 0xffffffffL;
        if (low >= bottom) {
            return th == 0 ? 0 : ((th - 1) << 32) | low;
        }
        return (th << 32) | low;
    }

    /** True if {@code seq} is new: right of the window, or inside it and not yet seen. Sequence number 0 never is. */
    public boolean check(long seq) {
        if (seq == 0) return false;
        if (Long.compareUnsigned(seq, top) > 0) return true;
        if (Long.compareUnsigned(top - seq, size) >= 0) return false;
        int i = (int) (seq & mask);
        return (bits[i >>> 6] & (1L << (i & 63))) == 0;
    }

    /** Records {@code seq} as received, sliding the window if it is the new highest. Call only after the ICV verified. */
    public void update(long seq) {
        if (Long.compareUnsigned(seq, top) > 0) {
            long diff = seq - top;
            if (Long.compareUnsigned(diff, size) >= 0) {
                java.util.Arrays.fill(bits, 0L);
            } else {
                for (long s = top + 1; s != seq; s++) {
                    int i = (int) (s & mask);
                    bits[i >>> 6] &= ~(1L << (i & 63));
                }
            }
            top = seq;
        }
        int i = (int) (seq & mask);
        bits[i >>> 6] |= 1L << (i & 63);
    }
}
