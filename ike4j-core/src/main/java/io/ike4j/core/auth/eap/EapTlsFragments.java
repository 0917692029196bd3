package io.ike4j.core.auth.eap;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * EAP-TLS Flags/TLS Message Length/TLS Data framing (RFC 5216 3.1/3.2): fragmentation of outgoing TLS bytes into
 * pieces of at most {@code fragmentSize} octets (the first with L and the total length, all but the last with M) and
 * reassembly of incoming fragments, each acknowledged with an empty message.
 */
final class EapTlsFragments {
    static final int FLAG_L = 0x80, FLAG_M = 0x40, FLAG_S = 0x20;
    static final int MAX_MESSAGE = 1 << 20; // refuse TLS messages larger than 1 MiB

    /** A received EAP-TLS Type-Data. */
    sealed interface Received {
        /** A non-final fragment was stored: acknowledge it. */
        record NeedAck() implements Received {}

        /** A whole TLS message (possibly empty: an ACK or an empty final response). */
        record Complete(byte[] data, boolean start) implements Received {}

        record Malformed(String reason) implements Received {}
    }

    private final int fragmentSize;
    private ByteArrayOutputStream incoming;
    private long incomingTotal = -1;
    private byte[] outgoing = new byte[0];
    private int outOffset;

    EapTlsFragments(int fragmentSize) {
        if (fragmentSize < 64) throw new IllegalArgumentException("fragment size below 64");
        this.fragmentSize = fragmentSize;
    }

    Received receive(byte[] typeData) {
        if (typeData.length < 1) return new Received.Malformed("no Flags octet");
        int flags = typeData[0] & 0xff;
        int off = 1;
        if ((flags & FLAG_L) != 0) {
            if (typeData.length < 5) return new Received.Malformed("L flag without TLS Message Length");
            long total = ((typeData[1] & 0xffL) << 24) | ((typeData[2] & 0xff) << 16) | ((typeData[3] & 0xff) << 8) | (typeData[4] & 0xff);
            if (total > MAX_MESSAGE) return new Received.Malformed("TLS Message Length " + total + " too large");
            if (incoming == null) incomingTotal = total;
            off = 5;
        }
        byte[] data = Arrays.copyOfRange(typeData, off, typeData.length);
        boolean more = (flags & FLAG_M) != 0;
        if (incoming == null && !more) {
            if (incomingTotal >= 0 && incomingTotal != data.length) {
                incomingTotal = -1;
                return new Received.Malformed("TLS Message Length does not match the data");
            }
            incomingTotal = -1;
            return new Received.Complete(data, (flags & FLAG_S) != 0);
        }
        if (incoming == null) {
            if (incomingTotal < 0) return new Received.Malformed("first fragment without L flag");
            incoming = new ByteArrayOutputStream();
        }
        if (incoming.size() + data.length > (incomingTotal < 0 ? MAX_MESSAGE : incomingTotal)) {
            reset();
            return new Received.Malformed("fragments exceed the TLS Message Length");
        }
        incoming.writeBytes(data);
        if (more) return new Received.NeedAck();
        byte[] whole = incoming.toByteArray();
        boolean complete = whole.length == incomingTotal;
        reset();
        return complete ? new Received.Complete(whole, false) : new Received.Malformed("fragments shorter than the TLS Message Length");
    }

    private void reset() {
        incoming = null;
        incomingTotal = -1;
    }

    boolean reassembling() {
        return incoming != null;
    }

    void queue(byte[] tls) {
        outgoing = tls;
        outOffset = 0;
    }

    boolean hasMoreToSend() {
        return outOffset < outgoing.length;
    }

    /** Type-Data of the next outgoing fragment (an empty message when nothing is queued). */
    byte[] nextFragment() {
        int remaining = outgoing.length - outOffset;
        boolean first = outOffset == 0;
        boolean fragmented = outgoing.length > fragmentSize;
        int n = Math.min(remaining, fragmentSize);
        boolean more = outOffset + n < outgoing.length;
        int header = first && fragmented ? 5 : 1;
        byte[] out = new byte[header + n];
        out[0] = (byte) ((first && fragmented ? FLAG_L : 0) | (more ? FLAG_M : 0));
        if (header == 5) {
            int len = outgoing.length;
            out[1] = (byte) (len >>> 24);
            out[2] = (byte) (len >>> 16);
            out[3] = (byte) (len >>> 8);
            out[4] = (byte) len;
        }
        System.arraycopy(outgoing, outOffset, out, header, n);
        outOffset += n;
        return out;
    }

    static byte[] ack() {
        return new byte[] {0};
    }

    static byte[] start() {
        return new byte[] {(byte) FLAG_S};
    }
}
