package io.ike4j.platform.esp;

import static io.ike4j.platform.esp.EspCipher.HEADER;
import static io.ike4j.platform.esp.EspCipher.putInt;

/**
 * The sending half of an ESP SA in tunnel mode (RFC 4303 3.3). Thread-safe (one lock per SA direction); the hot
 * path allocates nothing but what the JCE needs per {@code Cipher.init}.
 */
public final class EspOutbound {
    private final EspSa owner;
    private final int spi;
    private final EspCipher cipher;
    private final boolean esn;
    private final LifetimeGuard lifetime;
    private final EspEventListener listener;
    private final long[] drops = new long[EspDrop.values().length];
    private long nextSeq;
    private long packets;
    private long bytes;
    private boolean exhaustionReported;
    private boolean wiped;

    EspOutbound(EspSa owner, int spi, EspCipher cipher, boolean esn, LifetimeGuard lifetime, EspEventListener listener,
                long firstSeq) {
        this.owner = owner;
        this.spi = spi;
        this.cipher = cipher;
        this.esn = esn;
        this.lifetime = lifetime;
        this.listener = listener;
        this.nextSeq = firstSeq;
    }

    public int spi() {
        return spi;
    }

    /** Bytes ESP adds at most to an inner packet of {@code innerLength} bytes (header, IV, padding, trailer, ICV). */
    public int overhead(int innerLength) {
        return encapsulatedLength(innerLength) - innerLength;
    }

    /** The exact length of the ESP packet for an inner packet of {@code innerLength} bytes. */
    public int encapsulatedLength(int innerLength) {
        return HEADER + cipher.ivLength() + paddedLength(innerLength) + cipher.icvLength();
    }

    /** Offset from the start of the ESP packet at which the inner packet goes (callers may place it there first). */
    public int payloadOffset() {
        return HEADER + cipher.ivLength();
    }

    private int paddedLength(int innerLength) {
        int a = cipher.alignment();
        int n = innerLength + 2; // RFC 4303 2.4: pad length, next header
        return (n + a - 1) / a * a;
    }

    /**
     * Wraps the IPv4 or IPv6 packet {@code inner[innerOff, innerOff+innerLen)} into an ESP packet written at
     * {@code out[outOff...]} (RFC 4303 3.3). The two ranges may overlap (e.g. the inner packet already placed at
     * {@code outOff + payloadOffset()}).
     *
     * @return the ESP packet length, or a negative {@link EspDrop#code()}
     */
    public synchronized int encapsulate(byte[] inner, int innerOff, int innerLen, byte[] out, int outOff) {
        if (wiped) return drop(EspDrop.LIFETIME_EXPIRED);
        int nextHeader = IpPackets.nextHeaderFor(inner, innerOff, innerLen);
        if (nextHeader < 0) return drop(EspDrop.BAD_INNER_PACKET);
        if (lifetime.expired(packets, bytes)) return drop(EspDrop.LIFETIME_EXPIRED);
        // RFC 4303 3.3.3: never let the counter cycle; the SA must be rekeyed
        if (esn ? nextSeq == 0 : nextSeq > 0xffffffffL) {
            if (!exhaustionReported) {
                exhaustionReported = true;
                listener.onEvent(owner.event(spi, EspEvent.Direction.OUTBOUND, EspEvent.Kind.SEQUENCE_EXHAUSTED));
            }
            return drop(EspDrop.SEQUENCE_EXHAUSTED);
        }
        int ivLen = cipher.ivLength();
        int ptLen = paddedLength(innerLen);
        int total = HEADER + ivLen + ptLen + cipher.icvLength();
        if (outOff < 0 || out.length - outOff < total) return drop(EspDrop.TOO_LONG);
        int p = outOff + HEADER + ivLen;
        System.arraycopy(inner, innerOff, out, p, innerLen);
        putInt(out, outOff, spi);
        putInt(out, outOff + 4, (int) nextSeq); // only the low 32 bits are sent (RFC 4303 2.2.1)
        p += innerLen;
        int pad = ptLen - innerLen - 2;
        for (int i = 1; i <= pad; i++) out[p++] = (byte) i; // RFC 4303 2.4: 1, 2, 3, ...
        out[p++] = (byte) pad;
        out[p] = (byte) nextHeader;
        int n = cipher.seal(out, outOff, ptLen, nextSeq);
        if (n < 0) return drop(EspDrop.fromCode(n));
        nextSeq++;
        packets++;
        bytes += innerLen;
        EspEvent.Kind k = lifetime.crossed(packets, bytes);
        if (k != null) listener.onEvent(owner.event(spi, EspEvent.Direction.OUTBOUND, k));
        return n;
    }

    private int drop(EspDrop reason) {
        drops[reason.ordinal()]++;
        return reason.code();
    }

    /** The sequence number the next packet will carry (1 for a fresh SA). */
    public synchronized long nextSequenceNumber() {
        return nextSeq;
    }

    public synchronized EspCounters counters() {
        return EspCounters.of(packets, bytes, drops);
    }

    synchronized void wipe() {
        wiped = true;
        cipher.wipe();
    }
}
