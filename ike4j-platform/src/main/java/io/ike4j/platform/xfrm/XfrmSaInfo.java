package io.ike4j.platform.xfrm;

import java.net.InetAddress;
import java.util.List;

/**
 * An SA as the kernel reports it ({@code struct xfrm_usersa_info} + the attributes read here). Keys the kernel
 * may include are never decoded; only algorithm names are kept. {@code encap}/{@code mark} null when absent.
 */
public record XfrmSaInfo(XfrmSelector selector, InetAddress destination, int spi, int protocol, InetAddress source,
                         XfrmLifetime lifetime, long currentBytes, long currentPackets, long addTime, long useTime,
                         int reqid, int family, XfrmMode mode, int replayWindow, int flags,
                         List<String> algorithmNames, XfrmEncap encap, XfrmMark mark, int ifId) {
    public XfrmSaInfo {
        algorithmNames = List.copyOf(algorithmNames);
    }
}
