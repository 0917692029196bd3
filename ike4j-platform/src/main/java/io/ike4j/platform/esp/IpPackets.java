package io.ike4j.platform.esp;

/** Minimal reads of IPv4 (RFC 791) and IPv6 (RFC 8200) headers for the data plane. All methods check lengths. */
public final class IpPackets {
    public static final int IPV4_HEADER = 20;
    public static final int IPV6_HEADER = 40;
    private static final int PROTO_TCP = 6;
    private static final int PROTO_UDP = 17;
    private static final int PROTO_SCTP = 132;

    private IpPackets() {
    }

    /** The IP version (4 or 6) of a plausible packet, else -1. */
    public static int version(byte[] b, int off, int len) {
        if (len < 1) return -1;
        int v = (b[off] & 0xff) >>> 4;
        if (v == 4 && len >= IPV4_HEADER) return 4;
        if (v == 6 && len >= IPV6_HEADER) return 6;
        return -1;
    }

    /** The ESP next header for a tunnel-mode inner packet: 4 (IPv4), 41 (IPv6), or -1 if neither. */
    static int nextHeaderFor(byte[] b, int off, int len) {
        return switch (version(b, off, len)) {
            case 4 -> 4;
            case 6 -> 41;
            default -> -1;
        };
    }

    /**
     * The length of the IP packet of {@code version} at the start of {@code b[off, off+len)} according to its own
     * header (anything after it is TFC padding, RFC 4303 2.7), or -1 if the header is implausible.
     */
    static int packetLength(byte[] b, int off, int len, int version) {
        if (version(b, off, len) != version) return -1;
        if (version == 4) {
            int ihl = (b[off] & 0x0f) * 4;
            int total = u16(b, off + 2);
            if (ihl < IPV4_HEADER || total < ihl || total > len) return -1;
            return total;
        }
        int payload = u16(b, off + 4);
        if (payload == 0) return len; // jumbogram (RFC 2675) or empty: keep what we have
        int total = IPV6_HEADER + payload;
        return total > len ? -1 : total;
    }

    /** Offset of the destination address: 16 for IPv4, 24 for IPv6. */
    static int destinationOffset(int version) {
        return version == 4 ? 16 : 24;
    }

    /** Offset of the source address: 12 for IPv4, 8 for IPv6. */
    static int sourceOffset(int version) {
        return version == 4 ? 12 : 8;
    }

    /** The transport protocol (IPv4 protocol field, IPv6 next header of the fixed header). */
    static int protocol(byte[] b, int off, int version) {
        return b[off + (version == 4 ? 9 : 6)] & 0xff;
    }

    /**
     * The destination port of a TCP, UDP or SCTP packet, or -1 if there is none to read (other protocol, a
     * non-first fragment, truncated header, IPv6 extension headers).
     */
    static int destinationPort(byte[] b, int off, int len, int version) {
        return port(b, off, len, version, 2);
    }

    /** The source port, as {@link #destinationPort} (-1 if there is none to read). */
    static int sourcePort(byte[] b, int off, int len, int version) {
        return port(b, off, len, version, 0);
    }

    private static int port(byte[] b, int off, int len, int version, int at) {
        int proto = protocol(b, off, version);
        if (proto != PROTO_TCP && proto != PROTO_UDP && proto != PROTO_SCTP) return -1;
        int l4;
        if (version == 4) {
            if ((u16(b, off + 6) & 0x1fff) != 0) return -1; // not the first fragment
            l4 = (b[off] & 0x0f) * 4;
        } else {
            l4 = IPV6_HEADER;
        }
        if (len < l4 + 4) return -1;
        return u16(b, off + l4 + at);
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
    }
}
