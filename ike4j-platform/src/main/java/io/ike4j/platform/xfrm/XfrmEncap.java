package io.ike4j.platform.xfrm;

import java.net.InetAddress;

/**
 * {@code struct xfrm_encap_tmpl}: ESP in UDP (RFC 3948). {@code originalAddress} is the NAT-OA (null = 0.0.0.0),
 * only relevant for transport mode.
 */
public record XfrmEncap(int type, int sourcePort, int destinationPort, InetAddress originalAddress) {
    public XfrmEncap {
        if (sourcePort < 0 || sourcePort > 0xffff || destinationPort < 0 || destinationPort > 0xffff) {
            throw new IllegalArgumentException("port out of range");
        }
    }

    /** UDP_ENCAP_ESPINUDP between the given ports. */
    public static XfrmEncap espInUdp(int sourcePort, int destinationPort) {
        return new XfrmEncap(XfrmAbi.UDP_ENCAP_ESPINUDP, sourcePort, destinationPort, null);
    }

    void encode(NetlinkBuffer b) {
        b.u16(type).u16be(sourcePort).u16be(destinationPort).zeros(2).address(originalAddress);
    }
}
