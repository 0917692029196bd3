package io.ike4j.core.codec.v1;

/**
 * One datagram of the proprietary IKEv1 fragmentation (announced with the {@code FRAGMENTATION} Vendor ID, used by
 * Cisco, racoon, Windows and strongSwan): an ISAKMP header whose first payload is the Fragment payload (private type
 * {@value #PAYLOAD_TYPE}) and nothing else. The payload carries a fragment ID (the same for all pieces of one message),
 * the piece's number (from 1), flags ({@link #FLAG_LAST} on the last piece) and a slice of the <em>whole</em> original
 * ISAKMP message, its header included (an encrypted Main Mode message 5/6 is split after encryption).
 *
 * <pre>
 *  next payload (0) | reserved | payload length (8 + data)
 *  fragment ID (16) | fragment number (8) | flags (8)
 *  data ...
 * </pre>
 *
 * The outer header's exchange type and message ID are not those of the wrapped message (strongSwan uses Identity
 * Protection or Aggressive and message ID 0 for all fragments); the reassembled message has its own header.
 */
public record IsakmpFragment(IsakmpHeader header, int fragmentId, int number, int flags, Octets data) {
    public static final int PAYLOAD_TYPE = 132;
    public static final int FLAG_LAST = 0x01;
    /** Generic payload header (4) plus ID, number and flags (4). */
    public static final int PAYLOAD_HEADER = 8;
    /** Bytes a fragment adds around its data: the ISAKMP header and the fragment payload header. */
    public static final int OVERHEAD = IsakmpHeader.SIZE + PAYLOAD_HEADER;

    public IsakmpFragment {
        if (fragmentId < 0 || fragmentId > 0xffff || number < 0 || number > 0xff || flags < 0 || flags > 0xff) {
            throw new IllegalArgumentException("fragment ID/number/flags out of range");
        }
        if (data.length() > 0xffff - PAYLOAD_HEADER) throw new IllegalArgumentException("fragment data too long");
    }

    public boolean last() {
        return (flags & FLAG_LAST) != 0;
    }

    /** True if {@code datagram} is long enough for an ISAKMP header and names the Fragment payload first. */
    public static boolean isFragment(byte[] datagram) {
        return datagram.length >= IsakmpHeader.SIZE && (datagram[16] & 0xff) == PAYLOAD_TYPE
                && (datagram[17] & 0xf0) == 0x10;
    }

    @Override
    public String toString() {
        return "IsakmpFragment[id=" + fragmentId + ", number=" + number + ", flags=" + flags + ", " + data + "]";
    }
}
