package io.ike4j.platform.esp;

import static io.ike4j.platform.esp.EspCipher.HEADER;
import static io.ike4j.platform.esp.EspCipher.getInt;

/**
 * The receiving half of an ESP SA in tunnel mode (RFC 4303 3.4). Thread-safe (one lock per SA direction).
 * Checks run in the order of RFC 4303 3.4: length, replay pre-check, ICV (constant time), replay window update,
 * decryption, padding and pad length, next header. Every failure is a counted {@link EspDrop}.
 */
public final class EspInbound {
    private static final int NEXT_HEADER_IPV4 = 4;
    private static final int NEXT_HEADER_IPV6 = 41;
    private static final int NEXT_HEADER_NONE = 59;

    private final EspSa owner;
    private final int spi;
    private final EspCipher cipher;
    private final ReplayWindow window;
    private final LifetimeGuard lifetime;
    private final EspEventListener listener;
    private final int minLength;
    private final long[] drops = new long[EspDrop.values().length];
    private long packets;
    private long bytes;
    private boolean wiped;

    EspInbound(EspSa owner, int spi, EspCipher cipher, ReplayWindow window, LifetimeGuard lifetime,
               EspEventListener listener) {
        this.owner = owner;
        this.spi = spi;
        this.cipher = cipher;
        this.window = window;
        this.lifetime = lifetime;
        this.listener = listener;
        int minCiphertext = cipher.alignment() > 4 ? cipher.alignment() : 2;
        this.minLength = HEADER + cipher.ivLength() + minCiphertext + cipher.icvLength();
    }

    public int spi() {
        return spi;
    }

    /** The shortest ESP packet this SA can accept. */
    public int minimumLength() {
        return minLength;
    }

    /**
     * Unwraps the ESP packet {@code in[off, off+len)} (starting at the SPI, which the caller matched to this SA)
     * into {@code out[outOff...]}, which must not overlap the input. {@code out} needs room for the ciphertext
     * ({@code len} bytes always suffice).
     *
     * @return the inner IP packet's length (TFC padding removed), or a negative {@link EspDrop#code()}
     */
    public synchronized int decapsulate(byte[] in, int off, int len, byte[] out, int outOff) {
        if (len < minLength || off < 0 || in.length - off < len) return drop(EspDrop.SHORT);
        int ctLen = len - HEADER - cipher.ivLength() - cipher.icvLength();
        if (ctLen % cipher.alignment() != 0 && cipher.alignment() > 4) return drop(EspDrop.BAD_LENGTH);
        if (wiped || lifetime.expired(packets, bytes)) return drop(EspDrop.LIFETIME_EXPIRED);
        // RFC 4303 3.4.3: replay pre-check before spending effort on the ICV
        long seq = window.infer(getInt(in, off + 4));
        if (!window.check(seq)) return drop(EspDrop.REPLAYED);
        if (outOff < 0 || out.length - outOff < ctLen) return drop(EspDrop.TOO_LONG);
        int n = cipher.open(in, off, len, seq, out, outOff);
        if (n < 0) return drop(EspDrop.fromCode(n));
        // authenticated: now the window may move (RFC 4303 3.4.3)
        window.update(seq);
        int padLen = out[outOff + n - 2] & 0xff;
        int nextHeader = out[outOff + n - 1] & 0xff;
        int payloadLen = n - 2 - padLen;
        if (payloadLen < 0) return drop(EspDrop.BAD_PADDING);
        for (int i = 0; i < padLen; i++) {
            // RFC 4303 2.4: the receiver should check the default padding contents 1, 2, 3, ...
            if ((out[outOff + payloadLen + i] & 0xff) != i + 1) return drop(EspDrop.BAD_PADDING);
        }
        if (nextHeader == NEXT_HEADER_NONE) return drop(EspDrop.DUMMY_PACKET); // RFC 4303 2.6
        if (nextHeader != NEXT_HEADER_IPV4 && nextHeader != NEXT_HEADER_IPV6) return drop(EspDrop.BAD_NEXT_HEADER);
        int innerLen = IpPackets.packetLength(out, outOff, payloadLen, nextHeader == NEXT_HEADER_IPV4 ? 4 : 6);
        if (innerLen < 0) return drop(EspDrop.BAD_INNER_PACKET);
        packets++;
        bytes += innerLen;
        EspEvent.Kind k = lifetime.crossed(packets, bytes);
        if (k != null) listener.onEvent(owner.event(spi, EspEvent.Direction.INBOUND, k));
        return innerLen;
    }

    private int drop(EspDrop reason) {
        drops[reason.ordinal()]++;
        return reason.code();
    }

    /** Counts a drop detected before this SA was reached (used by the table, e.g. for a short packet). */
    synchronized void count(EspDrop reason) {
        drops[reason.ordinal()]++;
    }

    /** The highest sequence number accepted so far. */
    public synchronized long highestSequenceNumber() {
        return window.top();
    }

    public int replayWindowSize() {
        return window.size();
    }

    public synchronized EspCounters counters() {
        return EspCounters.of(packets, bytes, drops);
    }

    synchronized void wipe() {
        wiped = true;
        cipher.wipe();
    }
}
