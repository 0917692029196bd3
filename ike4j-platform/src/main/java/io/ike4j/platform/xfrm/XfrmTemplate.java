package io.ike4j.platform.xfrm;

import java.net.InetAddress;

/**
 * {@code struct xfrm_user_tmpl}: the SA a policy requires. In tunnel mode {@code source}/{@code destination}
 * are the outer addresses; {@code optional} is iproute2's "level use". Algorithm masks are "any" (all ones).
 */
public record XfrmTemplate(InetAddress source, InetAddress destination, int spi, int protocol, XfrmMode mode,
                           int reqid, boolean optional) {

    /** ESP, SPI 0 (any), "level required". */
    public static XfrmTemplate esp(InetAddress source, InetAddress destination, XfrmMode mode, int reqid) {
        return new XfrmTemplate(source, destination, 0, XfrmAbi.IPPROTO_ESP, mode, reqid, false);
    }

    int family() {
        InetAddress a = destination != null ? destination : source;
        return a == null ? 0 : XfrmAddresses.family(a);
    }
}
