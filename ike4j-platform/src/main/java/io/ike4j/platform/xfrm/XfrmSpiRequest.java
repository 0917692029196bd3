package io.ike4j.platform.xfrm;

import java.net.InetAddress;
import java.util.Objects;

/**
 * XFRM_MSG_ALLOCSPI ({@code struct xfrm_userspi_info}): reserve an unused SPI in [min, max] for an SA from
 * {@code source} to {@code destination}; the kernel creates a larval SA and answers with it.
 */
public record XfrmSpiRequest(InetAddress source, InetAddress destination, int protocol, XfrmMode mode, int reqid,
                             int min, int max) {
    public XfrmSpiRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(mode, "mode");
    }

    /** ESP in tunnel mode over the whole non-reserved range (RFC 4303 2.1: SPIs 1-255 are reserved). */
    public static XfrmSpiRequest esp(InetAddress source, InetAddress destination, int reqid) {
        return new XfrmSpiRequest(source, destination, XfrmAbi.IPPROTO_ESP, XfrmMode.TUNNEL, reqid, 0x100, 0xffffffff);
    }
}
